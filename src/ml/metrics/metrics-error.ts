// Typed failures of the metrics code: bad shapes from a caller, or embeddings a diverged model
// produced. Degenerate but valid data (no same-person pairs, empty sets) is not an error here:
// those metrics come back as NaN with a status so the Evaluate screen can say why.

import { AppError } from '../../lib/errors';

export type MetricsErrorCode = 'metrics-invalid-input' | 'metrics-non-finite';

export class MetricsError extends AppError {
  declare readonly code: MetricsErrorCode;

  constructor(code: MetricsErrorCode, message: string) {
    super(code, message);
    this.name = 'MetricsError';
  }
}
