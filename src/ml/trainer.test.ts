// Checks the trainer: no tensor leaks around a step and an epoch (both backbones), exported state
// restoring identical embeddings and an identical next step, and its refusals.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { tinyConfig } from './test-utils/tiny-config';
import { createTrainer, type TrainerState } from './trainer';

const BATCH = 4;
const CLASSES = 3;
const LABELS = [0, 1, 2, 1];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Seeded random faces in [0, 255] (int32, like decoded pixels): [BATCH, 32, 32, 3]. */
function batch(seed: number): tf.Tensor4D {
  return tf.randomUniform([BATCH, 32, 32, 3], 0, 256, 'int32', seed) as tf.Tensor4D;
}

type Embedder = { embed(images: tf.Tensor4D): tf.Tensor2D };

async function embedding(trainer: Embedder, images: tf.Tensor4D): Promise<number[]> {
  const embedded = trainer.embed(images);
  const values = Array.from(await embedded.data());
  embedded.dispose();
  return values;
}

async function scalars(...tensors: tf.Scalar[]): Promise<number[]> {
  const values = await Promise.all(tensors.map(async (t) => (await t.data())[0] as number));
  tf.dispose(tensors);
  return values;
}

describe.each(['resnet18', 'mobilefacenet'] as const)('%s trainer', (backbone) => {
  const config = tinyConfig(backbone, { widthMultiplier: 1 / 16, batchSize: BATCH });

  test('a train step leaves tf.memory().numTensors unchanged and returns scalars', async () => {
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: 3 });
    const images = batch(1);
    const before = tf.memory().numTensors;
    const { loss, correct, learningRate } = trainer.trainStep(images, LABELS, 0);
    expect(loss.shape).toEqual([]);
    expect(correct.shape).toEqual([]);
    expect(learningRate).toBe(config.learningRate);
    // The two returned scalars are the caller's; nothing else survives the step.
    expect(tf.memory().numTensors).toBe(before + 2);
    const [l, c] = await scalars(loss, correct);
    expect(Number.isFinite(l)).toBe(true);
    expect(c).toBeGreaterThanOrEqual(0);
    expect(c).toBeLessThanOrEqual(BATCH);
    expect(tf.memory().numTensors).toBe(before);
    expect(trainer.step).toBe(1);
    trainer.dispose();
    images.dispose();
  });

  test('epochs of steps, evaluation and embedding leave numTensors unchanged', async () => {
    const start = tf.memory().numTensors;
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: 3 });
    const images = [batch(2), batch(3), batch(4)];
    const labels = tf.tensor1d(LABELS, 'int32');
    const before = tf.memory().numTensors;
    for (let epoch = 0; epoch < 2; epoch++) {
      const pending: tf.Scalar[] = [];
      images.forEach((x, i) => {
        const { loss, correct } = trainer.trainStep(x, labels, epoch * 3 + i);
        pending.push(loss, correct);
      });
      const evaluation = trainer.evaluateBatch(images[0] as tf.Tensor4D, labels);
      pending.push(evaluation.loss, evaluation.correct);
      const values = await scalars(...pending);
      expect(values.every(Number.isFinite)).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    }
    const embeddings = trainer.embed(images[0] as tf.Tensor4D);
    expect(embeddings.shape).toEqual([BATCH, config.embeddingDim]);
    // From scratch nothing is flip-averaged, so there are no views for live Verify to halve.
    expect(trainer.embedView).toBeUndefined();
    const norms = tf.norm(embeddings, 2, 1); // [BATCH]
    (await norms.data()).forEach((n) => expect(n).toBeCloseTo(1, 5));
    tf.dispose([embeddings, norms]);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    tf.dispose([...images, labels]);
    expect(tf.memory().numTensors).toBe(start);
  });

  test('exported state restores identical embeddings and an identical next step', async () => {
    const images = batch(5);
    const a = createTrainer(config, CLASSES, { stepsPerEpoch: 2 });
    for (let step = 0; step < 2; step++) {
      const { loss, correct } = a.trainStep(images, LABELS, step);
      await scalars(loss, correct);
    }
    const state = await a.exportState();
    expect(state.step).toBe(2);
    // BatchNorm moving statistics are part of the state (the inference-mode embedding needs them).
    expect(state.backbone.some((r) => r.name.endsWith('/moving_variance'))).toBe(true);

    // A fresh trainer (same config, so the same augmentation stream) starts from other weights…
    const b = createTrainer(config, CLASSES, { stepsPerEpoch: 2 });
    const embedA = await embedding(a, images);
    expect(await embedding(b, images)).not.toEqual(embedA);
    // …and after importing, embeds identically and takes the identical next step.
    b.importState(state);
    expect(b.step).toBe(2);
    expect(await embedding(b, images)).toEqual(embedA);
    const nextA = a.trainStep(images, LABELS, 2);
    const nextB = b.trainStep(images, LABELS, 2);
    const [lossA, lossB] = await scalars(nextA.loss, nextB.loss);
    await scalars(nextA.correct, nextB.correct);
    expect(lossB).toBe(lossA);
    const [stateA, stateB] = await Promise.all([a.exportState(), b.exportState()]);
    expect(stateB).toEqual(stateA);
    a.dispose();
    b.dispose();
    images.dispose();
  });
});

describe('trainer variants and modes', () => {
  test('the softmax head with SGD trains without leaks', async () => {
    const config = tinyConfig('resnet18', {
      widthMultiplier: 1 / 16,
      head: 'softmax',
      optimizer: 'sgd',
      learningRate: 0.05,
    });
    const trainer = createTrainer(config, CLASSES, { stepsPerEpoch: 2 });
    const images = batch(8);
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    for (let step = 0; step < 2; step++) {
      const { loss, correct } = trainer.trainStep(images, LABELS, step);
      losses.push(...(await scalars(loss, correct)).slice(0, 1));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    images.dispose();
  });

  test('training updates BatchNorm statistics; evaluation and embedding do not', async () => {
    const trainer = createTrainer(tinyConfig('resnet18', { widthMultiplier: 1 / 16 }), CLASSES, {
      stepsPerEpoch: 1,
    });
    const images = batch(9);
    const movingMean = async () => {
      const state = await trainer.exportState();
      return Array.from(state.backbone.find((r) => r.name === 'stem_bn/moving_mean')?.data ?? []);
    };
    const initial = await movingMean();
    const evaluation = trainer.evaluateBatch(images, LABELS);
    await scalars(evaluation.loss, evaluation.correct);
    trainer.embed(images).dispose();
    expect(await movingMean()).toEqual(initial);
    const { loss, correct } = trainer.trainStep(images, LABELS, 0);
    await scalars(loss, correct);
    expect(await movingMean()).not.toEqual(initial);
    trainer.dispose();
    images.dispose();
  });
});

describe('createTrainer refusals', () => {
  test('refuses an invalid config with a typed error naming the field', () => {
    expect(() =>
      createTrainer(tinyConfig('resnet18', { margin: 3 }), 3, { stepsPerEpoch: 1 }),
    ).toThrow(
      expect.objectContaining({ code: 'invalid-config', message: expect.stringMatching(/margin/) }),
    );
  });

  test('refuses fewer than two classes', () => {
    expect(() => createTrainer(tinyConfig('resnet18'), 1, { stepsPerEpoch: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid-argument' }),
    );
  });

  test('refuses a state from another architecture without changing the model', async () => {
    const resnet = createTrainer(tinyConfig('resnet18', { widthMultiplier: 1 / 16 }), 3, {
      stepsPerEpoch: 1,
    });
    const mobile = createTrainer(tinyConfig('mobilefacenet', { widthMultiplier: 1 / 16 }), 3, {
      stepsPerEpoch: 1,
    });
    const images = batch(6);
    const before = await embedding(resnet, images);
    const foreign: TrainerState = await mobile.exportState();
    expect(() => resnet.importState(foreign)).toThrow(
      expect.objectContaining({ code: 'state-mismatch' }),
    );
    expect(await embedding(resnet, images)).toEqual(before);
    resnet.dispose();
    mobile.dispose();
    images.dispose();
  });

  test('refuses labels that do not match the batch, leaking nothing', () => {
    const trainer = createTrainer(tinyConfig('resnet18', { widthMultiplier: 1 / 16 }), 3, {
      stepsPerEpoch: 1,
    });
    const images = batch(7);
    const before = tf.memory().numTensors;
    expect(() => trainer.trainStep(images, [0, 1], 0)).toThrow(/2 labels for 4 images/);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    images.dispose();
  });
});
