// Starts TensorFlow.js's WebAssembly backend in a worker: its .wasm binaries come from the app's
// own origin (bundled by Vite, never a CDN), SIMD is used where the browser has it, the kernels
// it lacks for training are registered, and the training worker gets several threads when the
// page is cross-origin isolated.
//
// Threads need two fixes to TF.js 4.22 as bundled here:
// 1. The threaded build starts its pthread workers from a Blob of
//    `wasmFactoryThreadedSimd.toString()`. Once Vite has bundled and minified TF.js, that
//    function refers to names outside its own body, so each pthread worker dies on load
//    ("ReferenceError: e is not defined") and Emscripten waits forever for its "loaded"
//    message: the hang of the production build. While the backend starts, that one Blob is
//    replaced by one that loads the package's standalone factory
//    (wasm-out/tfjs-backend-wasm-threaded-simd.js) from our origin.
// 2. The backend caps XNNPACK's thread pool at navigator.hardwareConcurrency / 2, taking every
//    logical core for a hyper-thread: on a 2-core machine that is 1 thread, whatever
//    setThreadsCount asks. While the module is instantiated, hardwareConcurrency reads as twice
//    the threads wanted, so the cap is the number of threads we ask for.
// Without cross-origin isolation (no COOP/COEP headers) there is no SharedArrayBuffer, and the
// backend runs on one thread; also when our origin does not serve that factory script. A
// threaded start that hangs (a pthread worker that never loads) fails after 30 s with
// 'wasm-threads-failed'; the module cannot be started again in that worker, so the page
// replaces the training worker with one that runs on one thread (store/training-commands.ts). The import workers always use one thread: they run in parallel.

import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import threadedFactoryScript from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
import { AppError } from '../lib/errors';
import { registerWasmTrainingKernels } from '../ml/wasm-training/register-wasm-training-kernels';

/** The most threads the training worker asks for (XNNPACK gains little beyond it here). */
const MAX_THREADS = 4;
/** A threaded start that has not finished by then has failed (it takes a few seconds). */
const THREADS_START_SECONDS = 30;
/** How TF.js's own code starts the pthread bootstrap it builds from a function's source text. */
const THREADED_BOOTSTRAP_PREFIX = 'var WasmBackendModuleThreadedSimd = ';

export interface WasmThreading {
  threads: number;
  why: string;
}

/** How many threads the WASM backend can use in this worker, and why. */
export function wasmThreadingHere(): WasmThreading {
  const cores = navigator.hardwareConcurrency || 1;
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined')
    return {
      threads: 1,
      why: 'one thread: the page is not cross-origin isolated (its server sends no COOP/COEP headers)',
    };
  if (cores < 2) return { threads: 1, why: 'one thread: the browser reports one core' };
  const threads = Math.min(MAX_THREADS, cores);
  return { threads, why: `${threads} threads (${cores} cores, cross-origin isolated page)` };
}

let pathsSet = false;

/**
 * Makes WASM the active backend with at most `threads` threads (1: the single-threaded SIMD
 * build) and returns how many XNNPACK really uses. The first call in a worker decides: TF.js
 * instantiates the module once.
 */
export function startWasmBackend(threads = 1): Promise<number> {
  // One start at a time: a second would take the first one's stand-ins for the originals.
  starting ??= startOnce(threads).finally(() => {
    starting = null;
  });
  return starting;
}

let starting: Promise<number> | null = null;

async function startOnce(threads: number): Promise<number> {
  if (!pathsSet) {
    pathsSet = true;
    setWasmPaths({
      'tfjs-backend-wasm.wasm': plainWasm,
      'tfjs-backend-wasm-simd.wasm': simdWasm,
      'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm,
    });
    registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  }
  const factoryUrl = new URL(threadedFactoryScript, self.location.href).href;
  const threaded =
    threads > 1 && wasmThreadingHere().threads > 1 && (await isThreadedFactory(factoryUrl));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threaded);
  if (!threaded) {
    if (!(await tf.setBackend('wasm'))) return 0;
    return getThreadsCount();
  }
  setThreadsCount(threads);
  const restore: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    restore.push(swapThreadedBootstrap(factoryUrl));
    restore.push(reportCores(threads * 2));
    // A pthread worker that fails to load is never reported to the module, which then waits
    // for it for ever: a start that takes this long has failed.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AppError(
              'wasm-threads-failed',
              `WebAssembly's ${threads} threads did not start within ${THREADS_START_SECONDS} s.`,
            ),
          ),
        THREADS_START_SECONDS * 1000,
      );
    });
    if (!(await Promise.race([tf.setBackend('wasm'), timedOut]))) return 0;
  } finally {
    clearTimeout(timer);
    for (const undo of restore.reverse()) undo();
  }
  return getThreadsCount();
}

/**
 * Whether our origin serves the standalone threaded factory as the script the pthread workers
 * will load (not a 404 page, not a dev server's rewrite): if not, threads stay off.
 */
async function isThreadedFactory(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    return response.ok && (await response.text()).trimStart().startsWith(THREADED_BOOTSTRAP_PREFIX);
  } catch {
    return false;
  }
}

/** Fix 1 above: returns the function that puts the global Blob back. */
function swapThreadedBootstrap(factoryUrl: string): () => void {
  const OriginalBlob = globalThis.Blob;
  class BootstrapSwappingBlob extends OriginalBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      const first = parts?.[0];
      const isBootstrap = typeof first === 'string' && first.startsWith(THREADED_BOOTSTRAP_PREFIX);
      super(isBootstrap ? [`importScripts(${JSON.stringify(factoryUrl)});`] : parts, options);
    }
  }
  globalThis.Blob = BootstrapSwappingBlob;
  return () => {
    globalThis.Blob = OriginalBlob;
  };
}

/** Fix 2 above: returns the function that lets navigator report the real count again. */
function reportCores(cores: number): () => void {
  const own = Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency');
  Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => cores });
  return () => {
    if (own) Object.defineProperty(navigator, 'hardwareConcurrency', own);
    else delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  };
}
