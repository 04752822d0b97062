// Prepares TensorFlow.js's WebAssembly backend for training in a worker: its .wasm binaries
// are served from the app's own origin (bundled by Vite, never a CDN), SIMD is used where the
// browser has it, and the kernels it lacks for training are registered.
//
// Threads: off. The threaded build needs a cross-origin-isolated page (COOP/COEP headers) and
// spawns its pthread workers itself; the studio is not served isolated yet, so
// WASM_HAS_MULTITHREAD_SUPPORT is set false and XNNPACK runs on the worker's one thread.

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmTrainingKernels } from '../ml/wasm-training/register-wasm-training-kernels';

let prepared = false;

export function prepareWasmBackend(): void {
  if (prepared) return;
  prepared = true;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm,
  });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
}
