// Checks whole training steps on wasm against cpu: each backbone with the ArcFace head, from the
// same initial weights, gives the same loss and the same updated weights (BatchNorm statistics
// included); the step leaks no tensor; and every head/optimiser combination trains on wasm.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { seededRandom } from '../../lib/seeded-random';
import type { OptimizerName } from '../config';
import { report } from '../test-utils/report';
import { tinyConfig } from '../test-utils/tiny-config';
import { createTrainer, type TrainerState } from '../trainer';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const BATCH = 8;
const CLASSES = 4;
const LABELS = [0, 1, 2, 3, 3, 2, 1, 0];

beforeAll(() => {
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
});

/** The same seeded pixels in [0, 255] on whichever backend is active: [BATCH, 32, 32, 3]. */
function images(): tf.Tensor4D {
  const random = seededRandom(11);
  const values = Float32Array.from({ length: BATCH * 32 * 32 * 3 }, () => random() * 255);
  return tf.tensor4d(values, [BATCH, 32, 32, 3]);
}

interface StepOutcome {
  loss: number;
  after: TrainerState;
}

async function oneStep(
  backend: 'cpu' | 'wasm',
  backbone: 'resnet18' | 'mobilefacenet',
  optimizer: OptimizerName,
  start: TrainerState | undefined,
): Promise<StepOutcome & { before: TrainerState; leaked: number }> {
  await tf.setBackend(backend);
  const trainer = createTrainer(tinyConfig(backbone, { optimizer }), CLASSES, { stepsPerEpoch: 2 });
  if (start !== undefined) trainer.importState(start);
  const before = await trainer.exportState();
  const x = images();
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  const { loss, correct } = trainer.trainStep(x, LABELS, 0);
  const value = (await loss.data())[0] as number;
  tf.dispose([loss, correct]);
  // Tensors the engine tracks, and buffers the backend holds (a kernel could leak either).
  const leaked =
    tf.memory().numTensors - tensorsBefore + (tf.engine().backend.numDataIds() - buffersBefore);
  const after = await trainer.exportState();
  trainer.dispose();
  x.dispose();
  return { loss: value, before, after, leaked };
}

interface StateComparison {
  /**
   * max |Δwasm − Δcpu| / max |Δcpu| over the trained parameters: the step's error against its
   * size. (BatchNorm's moving statistics move by far more than a gradient step; they count in
   * `weights` only.)
   */
  update: number;
  /** max |wasm − cpu| / max |cpu| over every weight after the step, statistics included. */
  weights: number;
  /** The parameter where |Δwasm − Δcpu| is largest. */
  worstName: string;
}

/**
 * Errors relative to the whole step, not per tensor: a gradient that is zero in exact arithmetic
 * (the shift of a BatchNorm followed, through a linear convolution, by another BatchNorm, as in
 * MobileFaceNet's projections) is float noise on both backends, and so are its own updates.
 */
function compareStates(
  before: TrainerState,
  cpu: TrainerState,
  wasm: TrainerState,
): StateComparison {
  let deltaError = 0;
  let deltaScale = 0;
  let weightError = 0;
  let weightScale = 0;
  let worstName = '';
  const records = (s: TrainerState) => [...s.backbone, ...s.head];
  const start = new Map(records(before).map((r) => [r.name, r.data]));
  const wasmByName = new Map(records(wasm).map((r) => [r.name, r.data]));
  for (const { name, data } of records(cpu)) {
    const w = wasmByName.get(name);
    const w0 = start.get(name);
    if (w === undefined || w0 === undefined) throw new Error(`missing ${name}`);
    for (let i = 0; i < data.length; i++) {
      const c = data[i] as number;
      const x = w[i] as number;
      const error = Math.abs(x - c);
      if (!name.includes('/moving_')) {
        if (error > deltaError) {
          deltaError = error;
          worstName = name;
        }
        deltaScale = Math.max(deltaScale, Math.abs(c - (w0[i] as number)));
      }
      weightError = Math.max(weightError, error);
      weightScale = Math.max(weightScale, Math.abs(c));
    }
  }
  return { update: deltaError / deltaScale, weights: weightError / weightScale, worstName };
}

describe.each(['resnet18', 'mobilefacenet'] as const)('%s, ArcFace: one step', (backbone) => {
  test.each(['sgd', 'adam'] as const)('%s: wasm matches cpu', async (optimizer) => {
    const cpu = await oneStep('cpu', backbone, optimizer, undefined);
    const wasm = await oneStep('wasm', backbone, optimizer, cpu.before);
    const lossError = Math.abs(wasm.loss - cpu.loss) / Math.abs(cpu.loss);
    const { update, weights, worstName } = compareStates(cpu.before, cpu.after, wasm.after);
    report(
      `${backbone} ${optimizer}: loss cpu ${cpu.loss.toFixed(6)} wasm ${wasm.loss.toFixed(6)} ` +
        `(relative ${lossError.toExponential(2)}); updated weights: max relative error ` +
        `${weights.toExponential(2)}, of the update ${update.toExponential(2)} (worst: ${worstName})`,
    );
    expect(wasm.leaked).toBe(0);
    expect(lossError).toBeLessThan(1e-5);
    if (optimizer === 'sgd') {
      // The update is the gradient times the learning rate (plus momentum from zero): this
      // bounds the whole backward pass.
      expect(update).toBeLessThan(1e-4);
      expect(weights).toBeLessThan(1e-5);
    } else {
      // Adam's first step is ≈ −lr·g/(|g| + ε) per element, whatever g's size: where g is float
      // noise (zero in exact arithmetic, see compareStates) the two backends' noise can differ
      // in sign and the element moves by ±lr on each (MobileFaceNet: a projection BatchNorm's
      // shift). So Adam is held to the weights, which such an element moves by at most 2·lr.
      expect(weights).toBeLessThan(4 * tinyConfig(backbone).learningRate);
    }
  });
});

describe('every backbone, head and optimiser trains on wasm', () => {
  test.each(
    (['resnet18', 'mobilefacenet'] as const).flatMap((backbone) =>
      (['arcface', 'softmax'] as const).flatMap((head) =>
        (['sgd', 'adam'] as const).map((optimizer) => ({ backbone, head, optimizer })),
      ),
    ),
  )('$backbone $head $optimizer', async ({ backbone, head, optimizer }) => {
    await tf.setBackend('wasm');
    const trainer = createTrainer(tinyConfig(backbone, { head, optimizer }), CLASSES, {
      stepsPerEpoch: 2,
    });
    const x = images();
    const { loss, correct } = trainer.trainStep(x, LABELS, 0);
    expect(Number.isFinite((await loss.data())[0])).toBe(true);
    tf.dispose([loss, correct, x]);
    trainer.dispose();
  });
});
