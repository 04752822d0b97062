// Owns what a failed run tells the user: a diverged loss, and a device that ran out of memory or
// was lost (each backend words it differently), become what happened and what to do next; the
// checkpoint of the last finished epoch stays stored either way.
import type { AppError, SerializedError } from '../lib/errors';

/**
 * How the backends say it, as seen in TF.js and Chromium: WASM's failed allocation surfacing as
 * "memory access out of bounds" (TF.js 4.22's wasm backend on a 2.4 GB tensor, measured), or
 * Emscripten's aborts ("Aborted(OOM)", "Cannot enlarge memory arrays"), WebGL's "CONTEXT_LOST_WEBGL", WebGPU's lost device (an
 * operation on a destroyed device, "A valid external Instance reference no longer exists"), and
 * plain allocation failures.
 */
const DEVICE_FAILURE =
  /out of memory|\bOOM\b|allocat(e|ion)|enlarge memory|memory access out of bounds|device (was |is )?lost|GPUDevice|CONTEXT_LOST|context (was |is )?lost|Instance reference no longer exists/i;

export function explainFailure(error: AppError): SerializedError {
  const text = error.message;
  if (text.startsWith('diverged')) {
    return {
      code: 'worker-failed',
      message: `Training stopped: ${text.slice('diverged: '.length)} The checkpoints of finished epochs are kept. Try a lower learning rate.`,
    };
  }
  if (DEVICE_FAILURE.test(text)) {
    return {
      code: 'worker-failed',
      message: `Training stopped: the device ran out of memory or was lost (${text}). The checkpoints of finished epochs are kept. Try a smaller batch, a smaller network, or another backend.`,
    };
  }
  return error.toJSON();
}
