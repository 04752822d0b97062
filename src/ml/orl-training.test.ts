// Checks that the learning code learns: a tiny network (32×32, 1/16 width) trained in Node on the
// cpu backend on 5 ORL identities (50 images) must fit its training set far above chance (20 %),
// in inference mode. (On wasm, and a short MobileFaceNet run: orl-wasm-training.test.ts.)
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { fitOrlInInferenceMode } from './test-utils/orl-fit';
import { orlAvailable } from './test-utils/orl-faces';
import { tinyConfig } from './test-utils/tiny-config';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!orlAvailable())('training on ORL faces', () => {
  test('a tiny ResNet-18 fits 5 identities far above chance', async () => {
    const config = tinyConfig('resnet18', {
      widthMultiplier: 1 / 16,
      epochs: 10,
      warmupEpochs: 1,
      batchSize: 10,
      // A 4-to-32-channel network on 50 images learns too slowly at the default 1e-3 to finish
      // in seconds; ArcFace (s = 32, m = 0.3), augmentation and the schedule are the defaults.
      learningRate: 1e-2,
    });
    // Seeded end to end (init, shuffle, augmentation) and the cpu backend is deterministic, so the
    // figure repeats; measured 0.90 when written. 0.7 is 3.5× chance and leaves room for tfjs updates.
    expect(await fitOrlInInferenceMode(config, 5, 'ResNet-18')).toBeGreaterThanOrEqual(0.7);
  });
});
