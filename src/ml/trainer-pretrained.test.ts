// The pretrained-encoder modes of the trainer. Frozen: it refuses to build without the encoder's
// weights, encodes images once to 128-d features, trains the projection and head on features
// (the encoder's variables never change), embeds images end to end (flip-averaged, and one view
// at a time as live Verify does), and round-trips its state.
// Fine-tuned: a step changes the encoder's weights, which are saved and restored with the run.
// Runs on the wasm backend in Node (the cpu backend takes ~0.6 s per image for the encoder).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { PRESETS } from './config';
import { decodeFaceApiWeights } from './pretrained/face-api-weights';
import { readFaceApiModel } from './pretrained/test-utils/face-api-model';
import { loadOrlFaces, orlAvailable } from './test-utils/orl-faces';
import { createTrainer } from './trainer';
import { registerWasmTrainingKernels } from './wasm-training/register-wasm-training-kernels';

let weights: tf.NamedTensorMap;

beforeAll(async () => {
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  await tf.setBackend('wasm');
  const { manifest, data } = readFaceApiModel();
  weights = decodeFaceApiWeights(manifest, data);
});

const config = { ...PRESETS.pretrained.config, embeddingDim: 32, batchSize: 8, epochs: 3 };

describe('trainer with the frozen pretrained encoder', () => {
  test('needs the encoder weights', () => {
    expect(() => createTrainer(config, 3, { stepsPerEpoch: 1 })).toThrow(/encoderWeights/);
  });

  test.skipIf(!orlAvailable())(
    'encodes once, trains on features, embeds images, and keeps the encoder frozen',
    async () => {
      const { images, labels } = loadOrlFaces(2, 150); // [20, 150, 150, 3]
      const trainer = createTrainer(config, 2, { stepsPerEpoch: 2, encoderWeights: weights });
      expect(trainer.inputKind).toBe('features');
      expect(trainer.imageSize).toBe(150);
      const features = trainer.encode(images); // [20, 128]
      expect(features.shape).toEqual([20, 128]);
      const before = tf.memory().numTensors;
      const losses: number[] = [];
      for (let step = 0; step < 6; step++) {
        const result = trainer.trainStep(features, labels, step);
        losses.push((await result.loss.data())[0] as number);
        result.loss.dispose();
        result.correct.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses.at(-1)).toBeLessThan(losses[0] as number);

      // The encoder is frozen: the features of the same images do not change with training.
      const again = trainer.encode(images);
      expect(tf.max(tf.abs(tf.sub(again, features))).dataSync()[0]).toBe(0);

      const embedded = trainer.embed(images); // [20, 32]
      expect(embedded.shape).toEqual([20, 32]);
      const norms = await tf.norm(embedded, 'euclidean', 1).data();
      for (const norm of norms) expect(norm).toBeCloseTo(1, 4);

      // Live Verify embeds one view a frame: the image's and the mirror's, summed and
      // normalised, are the flip-averaged embedding; the two views are not the same.
      const views = [false, true].map((mirrored) => trainer.embedView?.(images, mirrored));
      const [plain, mirror] = views as [tf.Tensor2D, tf.Tensor2D];
      const sum = tf.add(plain, mirror);
      const summed = tf.div(sum, tf.norm(sum, 'euclidean', 1, true));
      expect(tf.max(tf.abs(tf.sub(summed, embedded))).dataSync()[0]).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(tf.sub(plain, mirror))).dataSync()[0]).toBeGreaterThan(1e-2);
      for (const t of [plain, mirror, sum, summed]) t.dispose();

      const state = await trainer.exportState();
      const copy = createTrainer(config, 2, { stepsPerEpoch: 2, encoderWeights: weights });
      copy.importState(state);
      const copied = copy.embed(images);
      expect(tf.max(tf.abs(tf.sub(copied, embedded))).dataSync()[0]).toBeLessThan(1e-5);
      for (const t of [features, again, embedded, copied, images]) t.dispose();
      trainer.dispose();
      copy.dispose();
    },
    120_000,
  );
});

describe('trainer fine-tuning the pretrained encoder', () => {
  test.skipIf(!orlAvailable())(
    'trains the encoder weights too, saves them with the run, and restores them',
    async () => {
      const finetune = { ...PRESETS.finetune.config, embeddingDim: 16, batchSize: 4, epochs: 2 };
      const { images, labels } = loadOrlFaces(2, 150); // [20, 150, 150, 3]
      const batch = tf.slice(images, [0, 0, 0, 0], [4, 150, 150, 3]) as tf.Tensor4D;
      const batchLabels = labels.slice(0, 4);
      batchLabels.set([0, 0, 1, 1]);
      const trainer = createTrainer(finetune, 2, { stepsPerEpoch: 1, encoderWeights: weights });
      expect(trainer.inputKind).toBe('images');
      expect(trainer.imageSize).toBe(150);
      const before = await trainer.exportState();
      const encoderBefore = before.backbone.filter((r) => r.name.startsWith('encoder/'));
      expect(encoderBefore).toHaveLength(117);
      const result = trainer.trainStep(batch, batchLabels, 0);
      expect(Number.isFinite((await result.loss.data())[0])).toBe(true);
      result.loss.dispose();
      result.correct.dispose();
      const after = await trainer.exportState();
      const changed = after.backbone.filter(
        (r, i) =>
          r.name.startsWith('encoder/') && r.data.some((v, k) => v !== before.backbone[i]?.data[k]),
      );
      expect(changed.length).toBeGreaterThan(100);

      const copy = createTrainer(finetune, 2, { stepsPerEpoch: 1, encoderWeights: weights });
      copy.importState(after);
      const a = trainer.embed(batch);
      const b = copy.embed(batch);
      expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
      for (const t of [a, b, batch, images]) t.dispose();
      trainer.dispose();
      copy.dispose();
    },
    120_000,
  );
});
