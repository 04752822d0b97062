// Owns the typed error of the learning code: an AppError whose code the worker maps to a message.

import { AppError } from '../lib/errors';

export type MlErrorCode = 'invalid-config' | 'invalid-argument' | 'state-mismatch' | 'disposed';

export class MlError extends AppError {
  declare readonly code: MlErrorCode;

  constructor(code: MlErrorCode, message: string) {
    super(code, message);
    this.name = 'MlError';
  }
}
