// One way for a slice to run storage work: a failure is shown as an error notice and rethrown
// as an AppError ('storage-failed' unless it says otherwise), so the caller can stop.

import { AppError, toAppError } from '../lib/errors';

export function guardedBy(
  showError: (text: string) => void,
): <T>(work: () => Promise<T>) => Promise<T> {
  return async (work) => {
    try {
      return await work();
    } catch (error) {
      const appError: AppError = toAppError(error, 'storage-failed');
      showError(appError.message);
      throw appError;
    }
  };
}
