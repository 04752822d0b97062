// Chooses the TensorFlow.js backend the worker trains on, and says why. Order: a real GPU
// through WebGPU, then a real GPU through WebGL, then WebAssembly (with the training kernels
// this project registers), then the plain CPU backend. A software adapter (SwiftShader,
// llvmpipe) is not a real GPU and is not preferred over WebAssembly. A forced backend is used
// as asked, or refused with the reason.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { AppError } from '../lib/errors';
import type { BackendName } from '../ml/run-progress';
import { startWasmBackend, wasmThreadingHere } from './wasm-backend';

export type BackendChoice = 'auto' | BackendName;

export interface BackendReport {
  backend: BackendName;
  /** Why this backend runs: the automatic choice's reasoning, or "chosen by you". */
  reason: string;
  /** What the probes found, e.g. "WebGPU: SwiftShader (software)". */
  details: string[];
}

interface Probe {
  available: boolean;
  software: boolean;
  description: string;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

async function probeWebGpu(): Promise<Probe> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu)
    return {
      available: false,
      software: false,
      description: 'WebGPU: not in this browser (no navigator.gpu)',
    };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter)
    return {
      available: false,
      software: false,
      description: 'WebGPU: no adapter (GPU blocklisted or disabled)',
    };
  const info = adapter.info;
  const name =
    [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') ||
    'unknown adapter';
  const fallback =
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const software = fallback || SOFTWARE.test(name);
  return {
    available: true,
    software,
    description: `WebGPU: ${name}${software ? ' (software, not a real GPU)' : ''}`,
  };
}

function probeWebGl(): Probe {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { available: false, software: false, description: 'WebGL 2: not available' };
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    const software = SOFTWARE.test(renderer);
    return {
      available: true,
      software,
      description: `WebGL 2: ${renderer}${software ? ' (software, not a real GPU)' : ''}`,
    };
  } catch {
    return { available: false, software: false, description: 'WebGL 2: not available' };
  }
}

/** Starts the backend; for WASM, returns a line saying how many threads it uses and why. */
async function activate(backend: BackendName, wasmThreads: number): Promise<string | null> {
  if (backend === 'wasm') {
    const threading = wasmThreadingHere();
    const wanted = Math.min(wasmThreads, threading.threads);
    const threads = await startWasmBackend(wanted);
    if (threads < 1) throw new AppError('worker-failed', 'The wasm backend failed to start.');
    await tf.ready();
    if (threads === threading.threads) return `WebAssembly: ${threading.why}`;
    const running = `WebAssembly: ${threads} thread${threads === 1 ? '' : 's'}`;
    return wanted < threading.threads
      ? `${running} of the ${threading.threads} this page could use`
      : `${running} (${threading.threads} wanted)`;
  }
  const ok = await tf.setBackend(backend);
  if (!ok) throw new AppError('worker-failed', `The ${backend} backend failed to start.`);
  await tf.ready();
  return null;
}

/**
 * `wasmThreads` caps the WebAssembly backend's threads (the bench compares 1 with the default);
 * only the training worker asks for more than one.
 */
export async function chooseBackend(
  choice: BackendChoice,
  wasmThreads = Number.POSITIVE_INFINITY,
): Promise<BackendReport> {
  const webgpu = await probeWebGpu();
  const webgl = probeWebGl();
  const details = [webgpu.description, webgl.description];

  if (choice !== 'auto') {
    if (choice === 'webgpu' && !webgpu.available)
      throw new AppError('worker-failed', `WebGPU cannot run here. ${webgpu.description}.`);
    if (choice === 'webgl' && !webgl.available)
      throw new AppError('worker-failed', `WebGL cannot run here. ${webgl.description}.`);
    const threads = await activate(choice, wasmThreads);
    if (threads) details.push(threads);
    return { backend: choice, reason: 'Chosen by you.', details };
  }

  const attempts: { backend: BackendName; when: boolean; reason: string }[] = [
    {
      backend: 'webgpu',
      when: webgpu.available && !webgpu.software,
      reason: 'A real GPU through WebGPU: the fastest way to train.',
    },
    {
      backend: 'webgl',
      when: webgl.available && !webgl.software,
      reason: 'A real GPU through WebGL (no usable WebGPU GPU).',
    },
    {
      backend: 'wasm',
      when: typeof WebAssembly === 'object',
      reason:
        'No real GPU here (a software emulator is not one): WebAssembly with SIMD trains fastest on the CPU.',
    },
    {
      backend: 'cpu',
      when: true,
      reason:
        'Neither a GPU nor WebAssembly could start: training on the plain CPU backend, which is very slow.',
    },
  ];
  for (const attempt of attempts) {
    if (!attempt.when) continue;
    try {
      const threads = await activate(attempt.backend, wasmThreads);
      if (threads) details.push(threads);
      return { backend: attempt.backend, reason: attempt.reason, details };
    } catch (error) {
      // A hung threaded start leaves this worker's WASM module unusable: the page must replace
      // the worker, not fall back to the slow CPU backend.
      if (error instanceof AppError && error.code === 'wasm-threads-failed') throw error;
      details.push(
        `${attempt.backend} failed to start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  throw new AppError('worker-failed', 'No TensorFlow.js backend could start in this browser.');
}
