// Owns the TF.js backend of a worker that only runs inference (the import workers' face
// detector, the labelling worker's encoder): WebAssembly from the app's origin, or the plain CPU backend where WASM fails.

import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from './wasm-backend';

let ready: Promise<string> | null = null;

/**
 * Starts the backend once per worker. One WebAssembly thread by default: the import workers
 * already run side by side; the labelling worker, alone at its work, asks for two.
 */
export function ensureInferenceBackend(threads = 1): Promise<string> {
  ready ??= (async () => {
    try {
      if ((await startWasmBackend(threads)) > 0) return 'wasm';
    } catch {
      // Falls through to the CPU backend below.
    }
    await tf.setBackend('cpu');
    return 'cpu';
  })();
  return ready;
}
