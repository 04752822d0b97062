// The frozen-encoder mode of the trainer: it refuses to build without the encoder's weights,
// encodes images once to 128-d features, trains the projection and head on features (the
// encoder's variables never change), embeds images end to end, and round-trips its state.
// Runs on the wasm backend in Node (the cpu backend takes ~0.6 s per image for the encoder).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { PRESETS } from './config';
import { decodeFaceEncoderWeights } from './pretrained/face-encoder-weights';
import { readFaceApiModel } from './pretrained/test-utils/face-api-model';
import { loadOrlFaces, orlAvailable } from './test-utils/orl-faces';
import { createTrainer } from './trainer';

let weights: tf.NamedTensorMap;

beforeAll(async () => {
  await tf.setBackend('wasm');
  const { manifest, data } = readFaceApiModel();
  weights = decodeFaceEncoderWeights(manifest, data);
});

const config = { ...PRESETS.pretrained.config, embeddingDim: 32, batchSize: 8, epochs: 3 };

describe('trainer with the frozen pretrained encoder', () => {
  test('needs the encoder weights', () => {
    expect(() => createTrainer(config, 3, { stepsPerEpoch: 1 })).toThrow(/encoderWeights/);
  });

  test.skipIf(!orlAvailable())('encodes once, trains on features, embeds images, and keeps the encoder frozen', async () => {
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

    const state = await trainer.exportState();
    const copy = createTrainer(config, 2, { stepsPerEpoch: 2, encoderWeights: weights });
    copy.importState(state);
    const copied = copy.embed(images);
    expect(tf.max(tf.abs(tf.sub(copied, embedded))).dataSync()[0]).toBeLessThan(1e-5);
    for (const t of [features, again, embedded, copied, images]) t.dispose();
    trainer.dispose();
    copy.dispose();
  }, 120_000);
});
