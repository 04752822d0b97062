// What a failed run says: each backend's way of running out of memory or losing its device is
// recognised and answered with what to do; a diverged loss asks for a lower learning rate; any
// other failure passes through as it is.
import { describe, expect, test } from 'vitest';
import { AppError } from '../lib/errors';
import { explainFailure } from './failure-message';

const DEVICE_FAILURES = [
  // What TF.js's wasm backend throws when a tensor does not fit (seen here with a 2.4 GB one).
  'RuntimeError: memory access out of bounds',
  'RuntimeError: Aborted(OOM). Build with -sASSERTIONS for more info.',
  'Aborted(Cannot enlarge memory arrays to size 2214592512 bytes (OOM).)',
  'WebGL error: CONTEXT_LOST_WEBGL',
  "Failed to execute 'mapAsync' on 'GPUBuffer': A valid external Instance reference no longer exists.",
  'GPUDevice was lost: Device was destroyed.',
  'Failed to allocate 1073741824 bytes',
];

describe('explainFailure', () => {
  test.each(DEVICE_FAILURES)('a lost device or full memory: %s', (text) => {
    const message = explainFailure(new AppError('worker-failed', text)).message;
    expect(message).toMatch(/^Training stopped: the device ran out of memory or was lost/);
    expect(message).toContain(text);
    expect(message).toMatch(
      /checkpoints of finished epochs are kept\. Try a smaller batch, a smaller network, or another backend\.$/,
    );
  });

  test('a diverged loss', () => {
    const message = explainFailure(
      new AppError('worker-failed', 'diverged: the loss became NaN at step 12.'),
    ).message;
    expect(message).toBe(
      'Training stopped: the loss became NaN at step 12. The checkpoints of finished epochs are kept. Try a lower learning rate.',
    );
  });

  test('anything else is passed on as it is', () => {
    const error = new AppError('not-found', 'This run has no checkpoint to resume from.');
    expect(explainFailure(error)).toEqual(error.toJSON());
  });
});
