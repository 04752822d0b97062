// Checks that training on the wasm backend learns: a tiny network (32×32, 1/16 width) trained in
// Node on wasm on 5 ORL identities (50 images) fits its training set far above chance (20 %), in
// inference mode; and a MobileFaceNet does after a short run, which once left BatchNorm's moving
// statistics at their start (batch-norm-warm-up.ts).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { fitOrlInInferenceMode } from '../test-utils/orl-fit';
import { orlAvailable } from '../test-utils/orl-faces';
import { tinyConfig } from '../test-utils/tiny-config';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const IDENTITIES = 5;
const EPOCHS = 10;
const BATCH = 10;
/**
 * Training-set accuracy asked for (chance is 0.2). Measured with this set-up: ResNet-18 0.94 on
 * wasm (0.90 on cpu), MobileFaceNet 0.68 on wasm (0.76 on cpu); since BatchNorm's warm start,
 * 0.88 and 0.82 on wasm. The backends' rounding differs, so their runs drift apart. MobileFaceNet
 * learns slower at this size and gets more room.
 */
const REQUIRED: Record<'resnet18' | 'mobilefacenet', number> = {
  resnet18: 0.7,
  mobilefacenet: 0.5,
};

beforeAll(async () => {
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  await tf.setBackend('wasm');
});

describe.skipIf(!orlAvailable())('training on ORL faces on wasm', () => {
  test.each(['resnet18', 'mobilefacenet'] as const)(
    'a tiny %s fits 5 identities far above chance',
    async (backbone) => {
      expect(tf.getBackend()).toBe('wasm');
      // As src/ml/orl-training.test.ts (cpu): ArcFace, augmentation and schedule are defaults.
      const config = tinyConfig(backbone, {
        widthMultiplier: 1 / 16,
        epochs: EPOCHS,
        warmupEpochs: 1,
        batchSize: BATCH,
        learningRate: 1e-2,
      });
      const fitted = await fitOrlInInferenceMode(config, IDENTITIES, `wasm ORL ${backbone}`);
      expect(fitted).toBeGreaterThanOrEqual(REQUIRED[backbone]);
    },
  );

  test('a tiny MobileFaceNet’s inference mode knows the faces after a short run', async () => {
    // 25 steps: BatchNorm's moving statistics started from 0 and 1 and kept 0.9^25 of them, where
    // the depthwise layers' true variance is far smaller; in inference mode every face got the
    // same embedding (accuracy at chance) while the augmented training accuracy rose to 0.9.
    const config = tinyConfig('mobilefacenet', {
      widthMultiplier: 0.5,
      epochs: 5,
      warmupEpochs: 1,
      batchSize: BATCH,
      learningRate: 1e-2,
    });
    // 0.80 when written, 0.20 (chance) without the warm-up (batch-norm-warm-up.ts).
    const fitted = await fitOrlInInferenceMode(config, IDENTITIES, 'wasm ORL MobileFaceNet, short');
    expect(fitted).toBeGreaterThanOrEqual(0.6);
  });
});
