// Typed errors: every failure the user can meet carries a stable code and a plain message.
// Errors cross the worker boundary as `{code, message}` and become AppErrors again here.

export type ErrorCode =
  | 'empty-file'
  | 'not-an-image'
  | 'unsupported-format'
  | 'corrupt-image'
  | 'truncated-image'
  | 'image-too-large'
  | 'image-too-small'
  | 'duplicate-image'
  | 'no-identity'
  | 'invalid-name'
  | 'duplicate-name'
  | 'not-found'
  | 'quota-exceeded'
  | 'storage-failed'
  | 'worker-failed'
  | 'worker-timeout'
  | 'wasm-threads-failed'
  | 'off-origin-request'
  | 'cancelled'
  // faces and the camera (src/vision, capture)
  | 'no-face'
  | 'camera-unavailable'
  | 'camera-denied'
  | 'camera-busy'
  | 'camera-lost'
  // learning code (src/ml)
  | 'invalid-config'
  | 'invalid-argument'
  | 'state-mismatch'
  | 'disposed'
  // evaluation metrics (src/ml/metrics)
  | 'metrics-invalid-input'
  | 'metrics-non-finite'
  // dataset zip import and export (src/transfer)
  | 'not-a-zip'
  | 'truncated-zip'
  | 'corrupt-zip'
  | 'unsupported-zip'
  | 'unsafe-zip-path'
  | 'zip-too-many-entries'
  | 'zip-too-large'
  | 'zip-bomb'
  | 'zip-no-images'
  | 'zip-bad-layout'
  | 'invalid-manifest'
  | 'manifest-too-new'
  // whole-project file (src/transfer/project-file.ts)
  | 'invalid-project'
  | 'project-too-new'
  // an embedding model brought in from outside (src/transfer/model-file-reader.ts, runs/)
  | 'not-a-model'
  | 'model-unsupported'
  | 'model-too-large'
  | 'model-bad-output'
  | 'unknown';

export interface SerializedError {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Turns anything thrown into an AppError, keeping the original message. */
export function toAppError(value: unknown, fallback: ErrorCode = 'unknown'): AppError {
  if (value instanceof AppError) return value;
  if (isQuotaError(value)) {
    return new AppError(
      'quota-exceeded',
      'The browser ran out of storage space for Face Studio. Free some space or delete images, then try again.',
    );
  }
  const message = value instanceof Error ? value.message : String(value);
  return new AppError(fallback, message || 'Something went wrong.');
}

export function fromSerialized(error: SerializedError): AppError {
  return new AppError(error.code, error.message);
}

/** IndexedDB reports a full disk as a DOMException named QuotaExceededError (sometimes wrapped). */
export function isQuotaError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { name?: unknown }).name;
  if (name === 'QuotaExceededError') return true;
  const inner = (value as { inner?: unknown; cause?: unknown }).cause;
  return inner !== undefined && inner !== value && isQuotaError(inner);
}
