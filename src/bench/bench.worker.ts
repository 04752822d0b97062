// The benchmark worker: on the requested backend, builds each network shape, and times
// training steps (forward, backward, update; read back every step) and inference on random
// images, reporting images per second, milliseconds per batch, GFLOP/s and peak tensor memory;
// then times the face detector per frame.

import '../worker/guard-this-worker'; // first: no request leaves the origin (same-origin-guard.ts)
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, type TrainConfig } from '../ml/config';
import { forwardFlops } from '../ml/count-flops';
import { createTrainer } from '../ml/trainer';
import { instrumentWasmKernels } from '../ml/wasm-training/kernel-timing';
import { chooseBackend } from '../backends/choose-backend';
import type {
  BenchCase,
  BenchRequest,
  BenchResult,
  FromBenchWorker,
  KernelProfileRow,
} from './bench-protocol';
import { timeDetector } from './time-detector';

const post = (message: FromBenchWorker) => self.postMessage(message);
const CLASSES = 16;
const PROFILED_STEPS = 2;
const PROFILE_ROWS = 14;
const BETWEEN_KERNELS = '(between kernels)';

/** Runs `steps` training steps with every wasm kernel timed; the slowest kernels first. */
async function profileKernels(
  step: (k: number) => Promise<void>,
  steps: number,
): Promise<KernelProfileRow[]> {
  const { tallies, restore } = instrumentWasmKernels();
  const started = performance.now();
  let wallMs: number;
  try {
    for (let k = 0; k < steps; k++) await step(k);
    wallMs = performance.now() - started;
  } finally {
    restore();
  }
  const kernelMs = [...tallies.values()].reduce((sum, t) => sum + t.ms, 0);
  const calls = [...tallies.values()].reduce((sum, t) => sum + t.calls, 0);
  const rows = [...tallies.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, PROFILE_ROWS)
    .map(([kernel, t]) => ({
      kernel,
      ms_per_step: Number((t.ms / steps).toFixed(1)),
      calls_per_step: t.calls / steps,
      gflop_per_s: t.flops > 0 ? Number((t.flops / t.ms / 1e6).toFixed(1)) : null,
    }));
  // What the kernels do not account for: JavaScript between them (tfjs's tape, dispatch and
  // disposal, the step's read-back) and this profiler's own timing and tallying.
  rows.push({
    kernel: BETWEEN_KERNELS,
    ms_per_step: Number(((wallMs - kernelMs) / steps).toFixed(1)),
    calls_per_step: calls / steps,
    gflop_per_s: null,
  });
  return rows;
}

async function timeCase(
  request: BenchRequest,
  item: BenchCase,
  detail: string,
): Promise<BenchResult> {
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    backbone: item.backbone,
    inputSize: item.inputSize,
    widthMultiplier: item.widthMultiplier,
    batchSize: item.batchSize,
    epochs: 1,
    warmupEpochs: 0,
  };
  const steps = request.warmupSteps + request.timedSteps;
  const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: steps + 1 });
  const images = tf.randomUniform(
    [item.batchSize, item.inputSize, item.inputSize, 3],
    0,
    255,
    'float32',
    1,
  ) as tf.Tensor4D; // [B, S, S, 3]
  const labels = tf.tensor1d(
    Array.from({ length: item.batchSize }, (_, i) => i % CLASSES),
    'int32',
  );
  const flops = forwardFlops(trainer.model);
  const result: BenchResult = {
    bench: 'train',
    backend: request.backend,
    backend_detail: detail,
    backbone: item.backbone,
    size: item.inputSize,
    width: item.widthMultiplier,
    batch: item.batchSize,
    train_img_per_s: null,
    infer_ms_per_batch: null,
    forward_gflops_per_img: Number((flops / 1e9).toFixed(4)),
    train_gflop_per_s: null,
    peak_tensor_bytes: null,
  };
  try {
    const step = async (k: number) => {
      const out = trainer.trainStep(images, labels, k);
      await out.loss.data();
      out.loss.dispose();
      out.correct.dispose();
    };
    for (let k = 0; k < request.warmupSteps; k++) await step(k);
    const started = performance.now();
    for (let k = 0; k < request.timedSteps; k++) await step(request.warmupSteps + k);
    const seconds = (performance.now() - started) / 1000;
    result.train_img_per_s = Number(((request.timedSteps * item.batchSize) / seconds).toFixed(2));
    // A training step is about three forward passes (forward, and two backward products).
    result.train_gflop_per_s = Number(
      ((3 * flops * request.timedSteps * item.batchSize) / seconds / 1e9).toFixed(2),
    );

    const profile = await tf.profile(() => {
      const out = trainer.trainStep(images, labels, steps);
      return [out.loss, out.correct];
    });
    result.peak_tensor_bytes = profile.peakBytes;
    if (request.profile && tf.getBackend() === 'wasm')
      result.kernel_profile = await profileKernels(step, PROFILED_STEPS);
    const embedOnce = async () => {
      const embedding = trainer.embed(images);
      await embedding.data();
      embedding.dispose();
    };
    await embedOnce();
    const inferStart = performance.now();
    for (let k = 0; k < request.timedSteps; k++) await embedOnce();
    result.infer_ms_per_batch = Number(
      ((performance.now() - inferStart) / request.timedSteps).toFixed(1),
    );
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    images.dispose();
    labels.dispose();
    trainer.dispose();
  }
  return result;
}

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const request = event.data;
  try {
    const report = await chooseBackend(request.backend, request.wasmThreads);
    const detail = report.details.join(' · ');
    for (const item of request.cases)
      post({ type: 'result', result: await timeCase(request, item, detail) });
    post({
      type: 'result',
      result: await timeDetector(request.backend, detail, Math.max(2, request.timedSteps)),
    });
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
