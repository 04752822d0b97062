// Checks the epoch loop as a user would see its run: with a fake RunRecorder and a tiny real
// trainer on the cpu backend, every epoch is recorded with finite metrics and a checkpoint of
// the steps taken so far, the step history holds every step once and in order, a resumed run
// records only the epochs it runs, a stop between steps ends the run as stopped with no further
// epoch recorded, and nothing of the loop's tensors is left behind. As in the worker, Stop and a
// Verify request arrive as messages (a MessagePort here): they are read within a step of a
// long epoch, although the cpu backend's data() never leaves the microtask queue, and the
// request is answered before the next step; a stop during validation keeps the epoch.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EpochMetrics, StepPoint } from '../ml/run-progress';
import { report } from '../ml/test-utils/report';
import { tinyConfig } from '../ml/test-utils/tiny-config';
import { createTrainer, type Trainer } from '../ml/trainer';
import { runEpochs, type InputSet, type RunControl } from './epoch-loop';
import { RunHold } from './run-hold';
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

/** Never paused; asks to stop once `steps` train steps are taken (never without). */
function stopAfter(trainer: Trainer, steps = Infinity): RunControl {
  return { whilePaused: () => Promise.resolve(), stopped: () => trainer.step >= steps };
}

/** Sizes of the sets a test run draws from. */
interface Sets {
  train: number;
  val: number;
}

async function run(
  trainer: Trainer,
  control: RunControl,
  startEpoch = 0,
  sets: Sets = { train: TRAIN_IMAGES, val: 3 },
) {
  const { recorder, stored } = fakeRecorder();
  const posted: { points: StepPoint[]; epochs: EpochMetrics[] } = { points: [], epochs: [] };
  const outcome = await runEpochs({
    trainer,
    train: imageSet(sets.train, 1),
    val: imageSet(sets.val, 2),
    startEpoch,
    stepsPerEpoch: Math.ceil(sets.train / BATCH),
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
    const { outcome, stored, posted } = await run(trainer, stopAfter(trainer));
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
    const { outcome, stored } = await run(trainer, stopAfter(trainer), 1);
    expect(outcome).toBe('completed');
    expect(stored.epochs.map((e) => e.epoch)).toEqual([2]);
    expect(stored.steps.map((p) => p.step)).toEqual([2, 3]);
    trainer.dispose();
  });

  test('a stop between steps ends the run as stopped with no further epoch recorded', async () => {
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: STEPS_PER_EPOCH });
    const before = tf.memory().numTensors;
    // The first epoch's two steps and one step of the second, then Stop.
    const { outcome, stored } = await run(trainer, stopAfter(trainer, STEPS_PER_EPOCH + 1));
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

describe('messages read during a long epoch', () => {
  const LONG: Sets = { train: 48, val: 4 }; // twelve steps an epoch
  const STEPS = LONG.train / BATCH;
  const config = tinyConfig('resnet18', {
    widthMultiplier: 1 / 16,
    inputSize: SIZE,
    batchSize: BATCH,
    epochs: 1,
  });

  /**
   * The worker's side of a test: `onMessage` is its message handler, and the message is posted
   * once, as step `at` is about to run, so it waits in the queue while that step trains. The
   * returned control is `base` with that post added.
   */
  function messageAt(trainer: Trainer, base: RunControl, at: number, onMessage: () => void) {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = onMessage;
    const posted = { step: -1, close: () => port1.close() };
    const control: RunControl = {
      whilePaused: () => {
        if (trainer.step === at && posted.step < 0) {
          posted.step = trainer.step;
          port2.postMessage('message');
        }
        return base.whilePaused();
      },
      stopped: () => base.stopped(),
    };
    return { control, posted };
  }

  test('a Stop message posted during a step ends the run within two steps, not at the epoch end', async () => {
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: STEPS });
    const before = tf.memory().numTensors;
    let stopAsked = false; // what the worker's 'train/stop' sets
    const base: RunControl = { whilePaused: () => Promise.resolve(), stopped: () => stopAsked };
    const { control, posted } = messageAt(trainer, base, 3, () => (stopAsked = true));
    const { outcome, stored } = await run(trainer, control, 0, LONG);
    posted.close();
    report(
      `stop posted before step ${posted.step + 1} of ${STEPS}; the run ended after step ${trainer.step}`,
    );
    expect(posted.step).toBe(3);
    expect(outcome).toBe('stopped');
    expect(trainer.step - posted.step).toBeLessThanOrEqual(2);
    expect(stored.epochs).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });

  test('a request (a Verify photo) is served within two steps, and no step runs until it is answered', async () => {
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: STEPS });
    const hold = new RunHold();
    const served = { from: -1, to: -1 };
    // Like embedding a photo: several real macrotasks (reading, decoding), then the answer.
    const request = async () => {
      served.from = trainer.step;
      for (let k = 0; k < 3; k++) await new Promise((resolve) => setTimeout(resolve, 10));
      served.to = trainer.step;
    };
    const { control, posted } = messageAt(trainer, hold, 3, () => void hold.serve(request()));
    const { outcome, stored } = await run(trainer, control, 0, LONG);
    posted.close();
    report(
      `request posted before step ${posted.step + 1} of ${STEPS}; served after step ${served.from}, answered after step ${served.to}`,
    );
    expect(served.from).toBeGreaterThanOrEqual(posted.step);
    expect(served.from - posted.step).toBeLessThanOrEqual(2);
    expect(served.to).toBe(served.from);
    // The run then goes on to the end of its epoch.
    expect(outcome).toBe('completed');
    expect(stored.steps).toHaveLength(STEPS);
    trainer.dispose();
  });

  test('a stop during validation keeps the epoch’s checkpoint, its validation not measured', async () => {
    const trainer = createTrainer({ ...config, epochs: 2 }, CLASSES, {
      stepsPerEpoch: STEPS_PER_EPOCH,
    });
    const before = tf.memory().numTensors;
    // Asked before each step and each validation batch: two steps, then stop at the second of
    // three validation batches.
    let asked = 0;
    const control: RunControl = {
      whilePaused: () => {
        asked += 1;
        return Promise.resolve();
      },
      stopped: () => asked >= STEPS_PER_EPOCH + 2,
    };
    const { outcome, stored } = await run(trainer, control, 0, { train: TRAIN_IMAGES, val: 12 });
    expect(outcome).toBe('stopped');
    expect(stored.checkpoints).toEqual([{ epoch: 1, step: STEPS_PER_EPOCH }]);
    const [epoch] = stored.epochs;
    expect(Number.isFinite(epoch?.trainLoss)).toBe(true);
    expect(epoch?.valLoss).toBeNaN();
    expect(epoch?.valAccuracy).toBeNaN();
    expect(stored.steps.map((p) => p.step)).toEqual([0, 1]);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
