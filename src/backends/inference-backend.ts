// Owns the TF.js backend of a worker that only runs inference (the import workers' face
// detector): WebAssembly from the app's origin, or the plain CPU backend where WASM fails.

import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from './wasm-backend';

let ready: Promise<string> | null = null;

export function ensureInferenceBackend(): Promise<string> {
  ready ??= (async () => {
    try {
      // One thread: the import workers already run side by side.
      if ((await startWasmBackend(1)) > 0) return 'wasm';
    } catch {
      // Falls through to the CPU backend below.
    }
    await tf.setBackend('cpu');
    return 'cpu';
  })();
  return ready;
}
