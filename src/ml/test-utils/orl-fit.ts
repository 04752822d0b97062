// Owns the ORL learning check the training tests share: a tiny network trained on the first ORL
// identities as the worker trains (shuffled batches, one read-back per epoch), then the training
// set's accuracy in inference mode (BatchNorm's moving statistics), reported with its timing.
import * as tf from '@tensorflow/tfjs';
import { seededRandom, shuffled } from '../../lib/seeded-random';
import type { TrainConfig } from '../config';
import { createTrainer } from '../trainer';
import { loadOrlFaces } from './orl-faces';
import { report } from './report';

/** Trains `config` (its epochs and batch size) on `identities` ORL people at 32×32. */
export async function fitOrlInInferenceMode(
  config: TrainConfig,
  identities: number,
  label: string,
): Promise<number> {
  const { images, labels } = loadOrlFaces(identities, 32); // [10·identities, 32, 32, 3]
  const n = labels.length;
  const batchSize = config.batchSize;
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const trainer = createTrainer(config, identities, { stepsPerEpoch });
  const random = seededRandom(1);
  const started = performance.now();
  let lastEpochAccuracy = 0;
  let step = 0;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const order = shuffled(
      Array.from({ length: n }, (_, i) => i),
      random,
    );
    const corrects: tf.Scalar[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const index = order.slice(start, start + batchSize);
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
    // One read-back per epoch, as the worker does: no per-step stall.
    const values = await Promise.all(corrects.map((c) => c.data()));
    tf.dispose(corrects);
    lastEpochAccuracy = values.reduce((a, v) => a + (v[0] ?? 0), 0) / n;
  }
  const evaluation = trainer.evaluateBatch(images, labels);
  const fitted = ((await evaluation.correct.data())[0] ?? 0) / n;
  tf.dispose([evaluation.loss, evaluation.correct]);
  const seconds = (performance.now() - started) / 1000;
  report(
    `${label}: ORL ${identities} identities, ${n} images, ${config.epochs} epochs in ` +
      `${seconds.toFixed(1)} s: last-epoch train accuracy (augmented) ` +
      `${lastEpochAccuracy.toFixed(3)}, training-set accuracy in inference mode ` +
      `${fitted.toFixed(3)} (chance ${1 / identities})`,
  );
  trainer.dispose();
  images.dispose();
  return fitted;
}
