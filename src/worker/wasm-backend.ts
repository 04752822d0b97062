// Prepares TensorFlow.js's WebAssembly backend for training in a worker: its .wasm binaries
// are served from the app's own origin (bundled by Vite, never a CDN), SIMD is used where the
// browser has it, and the kernels it lacks for training are registered.
//
// Threads: off, always. The threaded build needs a cross-origin-isolated page (COOP/COEP) and
// starts its pthread workers from a Blob of `wasmFactoryThreadedSimd.toString()`. Once Vite has
// bundled and minified TF.js, that function refers to names outside its own body, so each pthread
// worker dies on load ("ReferenceError: e is not defined", seen here with COOP/COEP set and
// `script-src blob:` allowed) and Emscripten waits for its "loaded" message: that is the hang of
// the production build. Tried in session 3: swapping that Blob for one that importScripts the
// package's standalone factory (wasm-out/tfjs-backend-wasm-threaded-simd.js) from our origin
// makes the 8 pthread workers start and nothing hangs, but TF.js still reported 1 thread (also
// after setThreadsCount(2)) and training was no faster (ResNet-18 at 64 px, width 0.25, batch 8:
// 48.9 images/s against 49.8 on one thread, measured in one run). So WASM_HAS_MULTITHREAD_SUPPORT
// is false and XNNPACK runs on the worker's one thread.
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
