// Owns how BatchNorm's moving statistics start. tfjs (as Keras and PyTorch by default) keeps an
// exponential average that starts from mean 0 and variance 1; with momentum 0.9 the start still
// weighs 0.9^n after n steps. A short run's inference statistics were then mostly that start: a
// MobileFaceNet from scratch on 64 photos (24 steps) kept its depthwise layers' moving variance
// at 0.08 where the batches' was near 0.005, and in inference mode gave every face the same
// embedding (validation accuracy at chance while training accuracy reached 100 %). Here a step's
// momentum is the cumulative average's, step / (step + 1), until that reaches the layer's own: the
// first batch's statistics replace the start, the first ten are averaged alike, then as before.

import type * as tf from '@tensorflow/tfjs';

/** The part of tfjs's BatchNormalization layer read at each call in training mode. */
interface MovingAverageLayer {
  momentum: number;
}

/** A step's momentum: the cumulative average's until it reaches the layer's own. */
export function warmMomentum(step: number, momentum: number): number {
  return Math.min(momentum, step / (step + 1));
}

/** Runs one training step (BatchNorm in training mode) at the warm momentum for `step`. */
export type WarmBatchNormStep = <T>(step: number, train: () => T) => T;

/**
 * Runs a step with every BatchNorm layer of `model` at its warm momentum for the step, and puts
 * each layer's own momentum back after (so that saved and exported configurations keep it). The
 * layers and their own momenta are found once, here, not at every step.
 */
export function warmBatchNorm(model: tf.LayersModel): WarmBatchNormStep {
  const layers = model.layers
    .filter((layer) => layer.getClassName() === 'BatchNormalization')
    .map((layer) => layer as unknown as MovingAverageLayer);
  const own = layers.map((layer) => layer.momentum);
  return (step, train) => {
    layers.forEach((layer, i) => (layer.momentum = warmMomentum(step, own[i] as number)));
    try {
      return train();
    } finally {
      layers.forEach((layer, i) => (layer.momentum = own[i] as number));
    }
  };
}
