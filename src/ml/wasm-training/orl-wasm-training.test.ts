// Checks that training on the wasm backend learns: a tiny network (32×32, 1/16 width) trained in
// Node on wasm on 5 ORL identities (50 images) fits its training set far above chance (20 %).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { seededRandom, shuffled } from '../../lib/seeded-random';
import { report } from '../test-utils/report';
import { loadOrlFaces, orlAvailable } from '../test-utils/orl-faces';
import { tinyConfig } from '../test-utils/tiny-config';
import { createTrainer } from '../trainer';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const IDENTITIES = 5;
const EPOCHS = 10;
const BATCH = 10;
/**
 * Training-set accuracy asked for (chance is 0.2). Measured with this set-up: ResNet-18 0.94 on
 * wasm (0.90 on cpu), MobileFaceNet 0.68 on wasm (0.76 on cpu); the backends' rounding differs,
 * so their runs drift apart. MobileFaceNet learns slower at this size and gets more room.
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
      const { images, labels } = loadOrlFaces(IDENTITIES, 32); // [50, 32, 32, 3]
      const n = labels.length;
      const stepsPerEpoch = Math.ceil(n / BATCH);
      // As src/ml/orl-training.test.ts (cpu): ArcFace, augmentation and schedule are defaults.
      const config = tinyConfig(backbone, {
        widthMultiplier: 1 / 16,
        epochs: EPOCHS,
        warmupEpochs: 1,
        batchSize: BATCH,
        learningRate: 1e-2,
      });
      const trainer = createTrainer(config, IDENTITIES, { stepsPerEpoch });
      const random = seededRandom(1);
      const started = performance.now();
      let lastEpochAccuracy = 0;
      let step = 0;
      for (let epoch = 0; epoch < EPOCHS; epoch++) {
        const order = shuffled(
          Array.from({ length: n }, (_, i) => i),
          random,
        );
        const corrects: tf.Scalar[] = [];
        for (let start = 0; start < n; start += BATCH) {
          const index = order.slice(start, start + BATCH);
          const batch = tf.gather(images, index) as tf.Tensor4D; // [batch, 32, 32, 3]
          const { loss, correct } = trainer.trainStep(
            batch,
            index.map((i) => labels[i] as number),
            step++,
          );
          batch.dispose();
          loss.dispose();
          corrects.push(correct);
        }
        const values = await Promise.all(corrects.map((c) => c.data()));
        tf.dispose(corrects);
        lastEpochAccuracy = values.reduce((a, v) => a + (v[0] ?? 0), 0) / n;
      }
      const evaluation = trainer.evaluateBatch(images, labels);
      const fitted = ((await evaluation.correct.data())[0] ?? 0) / n;
      tf.dispose([evaluation.loss, evaluation.correct]);
      const seconds = (performance.now() - started) / 1000;
      report(
        `wasm ORL ${backbone}: ${IDENTITIES} identities, ${n} images, ${EPOCHS} epochs in ` +
          `${seconds.toFixed(1)} s: last-epoch train accuracy (augmented) ` +
          `${lastEpochAccuracy.toFixed(3)}, training-set accuracy in inference mode ` +
          `${fitted.toFixed(3)} (chance ${1 / IDENTITIES})`,
      );
      trainer.dispose();
      images.dispose();
      expect(fitted).toBeGreaterThanOrEqual(REQUIRED[backbone]);
    },
  );
});
