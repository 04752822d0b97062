// Measures the face encoder's speed in Node: forward time per image at batch 8 on the cpu and wasm
// backends, and one fine-tuning gradient step at batch 8 on wasm (the project's training kernels).
// Opt-in, it takes about a minute:
//   FACE_STUDIO_BENCH=1 npx vitest run src/ml/pretrained/face-encoder.bench.test.ts
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { report } from '../test-utils/report';
import { registerWasmTrainingKernels } from '../wasm-training/register-wasm-training-kernels';
import { createFaceEncoder, FACE_ENCODER_INPUT, type FaceEncoder } from './face-encoder';
import { decodeFaceApiWeights } from './face-api-weights';
import { readFaceApiModel } from './test-utils/face-api-model';

const ENABLED = process.env.FACE_STUDIO_BENCH === '1';
const BATCH = 8;
const RUNS = 3;

function buildEncoder(trainable: boolean): FaceEncoder {
  const { manifest, data } = readFaceApiModel();
  const weights = decodeFaceApiWeights(manifest, data);
  const encoder = createFaceEncoder(weights, { trainable });
  tf.dispose(weights);
  return encoder;
}

/** Median wall time of `runs` calls after one warm-up call (kernel set-up, first allocations). */
async function medianMs(run: () => Promise<void>, runs: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
}

describe.skipIf(!ENABLED)('face encoder speed (FACE_STUDIO_BENCH=1)', () => {
  test.each(['cpu', 'wasm'] as const)('forward at batch 8 on %s', async (backend) => {
    if (backend === 'wasm') registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
    await tf.setBackend(backend);
    const encoder = buildEncoder(false);
    const { size } = FACE_ENCODER_INPUT;
    const x = tf.randomUniform([BATCH, size, size, 3], 0, 255, 'float32', 1) as tf.Tensor4D;
    const ms = await medianMs(async () => {
      const out = encoder.apply(x);
      await out.data();
      out.dispose();
    }, RUNS);
    report(`face encoder ${backend}: ${(ms / BATCH).toFixed(1)} ms per image at batch ${BATCH}`);
    expect(ms).toBeGreaterThan(0);
    x.dispose();
    encoder.dispose();
  });

  test('gradient step at batch 8 on wasm', async () => {
    registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
    await tf.setBackend('wasm');
    const encoder = buildEncoder(true);
    const { size } = FACE_ENCODER_INPUT;
    const x = tf.randomUniform([BATCH, size, size, 3], 0, 255, 'float32', 2) as tf.Tensor4D;
    const ms = await medianMs(async () => {
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(encoder.apply(x))) as tf.Scalar,
      );
      await value.data();
      tf.dispose([value, ...Object.values(grads)]);
    }, RUNS);
    report(`face encoder wasm: forward + backward ${(ms / BATCH).toFixed(1)} ms per image`);
    expect(ms).toBeGreaterThan(0);
    x.dispose();
    encoder.dispose();
  });
});
