// Owns the typed error of the learning code: a stable `code` the worker can map to a user message.

export type MlErrorCode = 'invalid-config' | 'invalid-argument' | 'state-mismatch' | 'disposed';

export class MlError extends Error {
  readonly code: MlErrorCode;

  constructor(code: MlErrorCode, message: string) {
    super(message);
    this.name = 'MlError';
    this.code = code;
  }
}
