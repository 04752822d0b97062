// Messages of the benchmark page and its worker: which backend and network shapes to time,
// and one result per shape, plus one for the face detector.

import type { BackboneName, InputSize } from '../ml/config';
import type { BackendName } from '../worker/training-protocol';

export interface BenchCase {
  backbone: BackboneName;
  inputSize: InputSize;
  widthMultiplier: number;
  batchSize: number;
}

export interface BenchRequest {
  backend: BackendName;
  /** At most this many WebAssembly threads (1 compares one thread with the default). */
  wasmThreads?: number;
  cases: BenchCase[];
  /** On WASM: time each kernel of a few extra training steps (kernel_profile in the result). */
  profile?: boolean;
  warmupSteps: number;
  timedSteps: number;
}

export interface BenchResult {
  bench: 'train';
  backend: BackendName;
  backend_detail: string;
  backbone: BackboneName;
  size: number;
  width: number;
  batch: number;
  train_img_per_s: number | null;
  infer_ms_per_batch: number | null;
  forward_gflops_per_img: number;
  train_gflop_per_s: number | null;
  peak_tensor_bytes: number | null;
  /** The kernels that took most time in a profiled step, outermost calls only (WASM). */
  kernel_profile?: KernelProfileRow[];
  error?: string;
}

export interface KernelProfileRow {
  kernel: string;
  ms_per_step: number;
  calls_per_step: number;
  gflop_per_s: number | null;
}

/** The face pipeline (detector + landmarks) timed on one webcam-like frame. */
export interface DetectorBenchResult {
  bench: 'detect';
  backend: BackendName;
  backend_detail: string;
  frames: number;
  /** Frames in which a face was found (all of them, or the timing is of a failing search). */
  faces_found: number;
  ms_per_frame: number | null;
  /** The same frame with the face looked for near its last box, as live Verify's frames are. */
  followed_ms_per_frame: number | null;
  error?: string;
}

export type FromBenchWorker =
  | { type: 'result'; result: BenchResult | DetectorBenchResult }
  | { type: 'done' }
  | { type: 'error'; message: string };
