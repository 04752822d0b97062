// Checks the epoch loop as a user would see its run: with a fake RunRecorder and a tiny real
// trainer on the cpu backend, every epoch is recorded with finite metrics and a checkpoint of
// the steps taken so far, the step history holds every step once and in order, a resumed run
// records only the epochs it runs, a stop between steps ends the run as stopped with no further
// epoch recorded, and nothing of the loop's tensors is left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EpochMetrics, StepPoint } from '../ml/run-progress';
import { tinyConfig } from '../ml/test-utils/tiny-config';
import { createTrainer, type Trainer } from '../ml/trainer';
import { runEpochs, type InputSet, type RunControl } from './epoch-loop';
import type { RunRecorder } from './run-recorder';

const SIZE = 32;
const CLASSES = 3;
const BATCH = 4;
const TRAIN_IMAGES = 8; // two steps an epoch
const STEPS_PER_EPOCH = TRAIN_IMAGES / BATCH;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `count` seeded random images [count, 32, 32, 3] as decoded bytes, labels cycling 0, 1, 2. */
function imageSet(count: number, seed: number): InputSet {
  const pixels = new Uint8Array(count * SIZE * SIZE * 3);
  let state = seed;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    pixels[i] = state % 256;
  }
  const labels = Int32Array.from({ length: count }, (_, i) => i % CLASSES);
  return { kind: 'images', set: { pixels, labels, count }, size: SIZE };
}

/** An in-memory RunRecorder: what a run would have stored, readable by the test. */
function fakeRecorder() {
  const stored = {
    steps: [] as StepPoint[],
    epochs: [] as EpochMetrics[],
    checkpoints: [] as { epoch: number; step: number }[],
  };
  const recorder: RunRecorder = {
    resumePoint: () => Promise.reject(new Error('not used by the loop')),
    begin: () => Promise.resolve(),
    addSteps: (points) => stored.steps.push(...points),
    endEpoch: (metrics, state) => {
      stored.checkpoints.push({ epoch: metrics.epoch, step: state.step });
      stored.epochs.push(metrics);
      return Promise.resolve();
    },
    finish: () => Promise.resolve(),
    fail: () => Promise.resolve(),
  };
  return { recorder, stored };
}

/** Never paused; asks to stop once `steps` steps have been let through (never without). */
function stopAfter(steps = Infinity): RunControl {
  let asked = 0;
  return {
    whilePaused: () => {
      asked += 1;
      return Promise.resolve();
    },
    stopped: () => asked > steps,
  };
}

async function run(trainer: Trainer, control: RunControl, startEpoch = 0) {
  const { recorder, stored } = fakeRecorder();
  const posted: { points: StepPoint[]; epochs: EpochMetrics[] } = { points: [], epochs: [] };
  const outcome = await runEpochs({
    trainer,
    train: imageSet(TRAIN_IMAGES, 1),
    val: imageSet(3, 2),
    startEpoch,
    stepsPerEpoch: STEPS_PER_EPOCH,
    recorder,
    control,
    onProgress: (points) => posted.points.push(...points),
    onEpoch: (metrics) => posted.epochs.push(metrics),
  });
  return { outcome, stored, posted };
}

describe('the epoch loop', () => {
  const config = tinyConfig('resnet18', {
    widthMultiplier: 1 / 16,
    inputSize: SIZE,
    batchSize: BATCH,
    epochs: 2,
  });

  test('records every epoch with its metrics and a checkpoint, and every step once', async () => {
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: STEPS_PER_EPOCH });
    const before = tf.memory().numTensors;
    const { outcome, stored, posted } = await run(trainer, stopAfter());
    expect(outcome).toBe('completed');
    expect(stored.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    for (const metrics of stored.epochs) {
      expect(Number.isFinite(metrics.trainLoss)).toBe(true);
      expect(Number.isFinite(metrics.valLoss)).toBe(true);
      expect(metrics.trainAccuracy).toBeGreaterThanOrEqual(0);
      expect(metrics.trainAccuracy).toBeLessThanOrEqual(1);
      expect(metrics.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(metrics.valAccuracy).toBeLessThanOrEqual(1);
    }
    // A checkpoint per epoch, holding the trainer as it was after that epoch's last step.
    expect(stored.checkpoints).toEqual([
      { epoch: 1, step: STEPS_PER_EPOCH },
      { epoch: 2, step: 2 * STEPS_PER_EPOCH },
    ]);
    expect(stored.steps.map((p) => [p.epoch, p.step])).toEqual([
      [0, 0],
      [0, 1],
      [1, 2],
      [1, 3],
    ]);
    // The page hears what is stored, no more and no less.
    expect(posted.epochs).toEqual(stored.epochs);
    expect(posted.points).toEqual(stored.steps);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });

  test('a resumed run records only the epochs it runs', async () => {
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: STEPS_PER_EPOCH });
    const { outcome, stored } = await run(trainer, stopAfter(), 1);
    expect(outcome).toBe('completed');
    expect(stored.epochs.map((e) => e.epoch)).toEqual([2]);
    expect(stored.steps.map((p) => p.step)).toEqual([2, 3]);
    trainer.dispose();
  });

  test('a stop between steps ends the run as stopped with no further epoch recorded', async () => {
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: STEPS_PER_EPOCH });
    const before = tf.memory().numTensors;
    // The first epoch's two steps and one step of the second, then Stop.
    const { outcome, stored } = await run(trainer, stopAfter(STEPS_PER_EPOCH + 1));
    expect(outcome).toBe('stopped');
    expect(stored.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(stored.checkpoints.map((c) => c.epoch)).toEqual([1]);
    // The step taken before the stop is still in the history; none after it.
    expect(stored.steps.map((p) => p.step)).toEqual([0, 1, 2]);
    expect(trainer.step).toBe(STEPS_PER_EPOCH + 1);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
