// The trainer over an imported encoder: the configuration names its model (validateConfig and
// says so when it does not), the projection takes the model's embedding
// length, trains on features (the loss falls on separable features), refuses images, and
// round-trips its state. Tiny and on the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, describeNetwork, validateConfig, type TrainConfig } from './config';
import { createTrainer } from './trainer';

const config: TrainConfig = {
  ...DEFAULT_CONFIG,
  backbone: 'imported-frozen',
  encoderRunId: 'run_imported',
  embeddingDim: 8,
  batchSize: 6,
  epochs: 3,
  warmupEpochs: 0,
  learningRate: 0.01,
  augment: { flip: false, brightness: 0, contrast: 0 },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('configuration', () => {
  test('names the imported model, and only with this backbone', () => {
    expect(validateConfig(config)).toEqual([]);
    const withoutEncoder = { ...config };
    delete withoutEncoder.encoderRunId;
    expect(validateConfig(withoutEncoder).map((i) => i.field)).toEqual(['encoderRunId']);
    expect(
      validateConfig({ ...DEFAULT_CONFIG, encoderRunId: 'run_x' }).map((i) => i.field),
    ).toEqual(['encoderRunId']);
    expect(describeNetwork(config)).toBe('imported encoder (frozen) → 8-d');
  });
});

describe('createImportedFeaturesTrainer', () => {
  test('needs the embedding length of the imported model', () => {
    expect(() => createTrainer(config, 3, { stepsPerEpoch: 1 })).toThrow(/embedding length/);
  });

  test('trains the projection and head on features, and refuses images', async () => {
    const trainer = createTrainer(config, 3, { stepsPerEpoch: 1, encoderDim: 4 });
    expect(trainer.inputKind).toBe('features');
    const images = tf.zeros([1, 32, 32, 3]) as tf.Tensor4D;
    expect(() => trainer.embed(images)).toThrow(/takes its features/);
    expect(() => trainer.encode(images)).toThrow(/takes its features/);
    images.dispose();
    // Three classes, each a corner of the 4-d feature space with a little noise.
    const features = tf.tensor2d(
      [0, 1, 2, 0, 1, 2].flatMap((label, i) =>
        [0, 1, 2, 3].map((d) => (d === label ? 1 : 0) + 0.01 * ((i + d) % 3)),
      ),
      [6, 4],
    );
    const labels = [0, 1, 2, 0, 1, 2];
    const losses: number[] = [];
    for (let step = 0; step < 3; step++) {
      const result = trainer.trainStep(features, labels, step);
      losses.push((await result.loss.data())[0] as number);
      tf.dispose([result.loss, result.correct]);
    }
    expect(losses[2]).toBeLessThan(losses[0] as number);
    const state = await trainer.exportState();
    const again = createTrainer(config, 3, { stepsPerEpoch: 1, encoderDim: 4 });
    again.importState(state);
    const a = trainer.model.predict(features) as tf.Tensor;
    const b = again.model.predict(features) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([a, b, features]);
    trainer.dispose();
    again.dispose();
  });
});
