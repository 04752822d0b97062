// Owns the ArcFace head (additive angular margin, Deng et al. 2019) with the correct formula:
// s·cos(θ + m) for the true class, s·cos θ for every other class, and the θ + m > π fallback.
import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../l2-normalize';
import { MlError } from '../ml-error';
import type { ClassifierHead, HeadOutput } from './classifier-head';

export interface ArcFaceParams {
  scale: number;
  margin: number;
}

/** Keeps sin θ = sqrt(1 − cos²θ) away from 0, where its derivative is infinite. */
const SIN_SQUARED_FLOOR = 1e-6;

/** cos θ between each embedding and each class centre: [batch, D] × [D, K] → [batch, K]. */
export function cosineSimilarity(embeddings: tf.Tensor2D, weight: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(l2Normalize(embeddings, 1), l2Normalize(weight, 0)));
}

/**
 * ArcFace logits. With c = cos θ:
 *   true class:  s·cos(θ + m) = s·(c·cos m − sin θ·sin m)  where θ + m ≤ π (c > cos(π − m)),
 *                s·(c − m·sin m)                           otherwise (cos(θ+m) would rise again);
 *   other classes: s·c.
 * The branch and the class selection are one-hot and step products, not gather or where: both
 * are differentiable on every backend (Greater has no gradient in tfjs; gather's needs
 * UnsortedSegmentSum, which the wasm backend lacks).
 */
export function arcFaceLogits(
  embeddings: tf.Tensor2D, // [batch, D]
  weight: tf.Tensor2D, // [D, K]
  oneHot: tf.Tensor2D, // [batch, K], float32
  { scale, margin }: ArcFaceParams,
): HeadOutput {
  return tf.tidy(() => {
    const cos = cosineSimilarity(embeddings, weight); // [batch, K]
    const sin = tf.sqrt(tf.clipByValue(tf.sub(1, tf.square(cos)), SIN_SQUARED_FLOOR, 1));
    const cosPlusMargin = tf.sub(tf.mul(cos, Math.cos(margin)), tf.mul(sin, Math.sin(margin)));
    const fallback = tf.sub(cos, margin * Math.sin(margin));
    // 1 where θ + m < π, i.e. cos θ > cos(π − m) = −cos m; step() has a (zero) gradient.
    const inRange = tf.step(tf.sub(cos, Math.cos(Math.PI - margin)));
    const target = tf.add(fallback, tf.mul(inRange, tf.sub(cosPlusMargin, fallback)));
    // cos everywhere, replaced by the margin target on the true class.
    const withMargin = tf.add(cos, tf.mul(oneHot, tf.sub(target, cos)));
    return {
      logits: tf.mul(withMargin, scale) as tf.Tensor2D,
      predictions: tf.mul(cos, scale) as tf.Tensor2D,
    };
  });
}

export interface ArcFaceHeadOptions extends ArcFaceParams {
  embeddingDim: number;
  numClasses: number;
  seed: number;
}

/** An ArcFace head owning W [embeddingDim, numClasses], Xavier-uniform as the reference. */
export function createArcFaceHead(options: ArcFaceHeadOptions): ClassifierHead {
  const { embeddingDim, numClasses, scale, margin, seed } = options;
  const limit = Math.sqrt(6 / (embeddingDim + numClasses));
  // Unnamed, because tfjs variable names are global and two sessions may coexist; made inside
  // tidy so that the initial values are freed (tidy never disposes variables).
  const weight = tf.tidy(() =>
    tf.variable(tf.randomUniform([embeddingDim, numClasses], -limit, limit, 'float32', seed), true),
  ); // [D, K]
  let disposed = false;
  return {
    kind: 'arcface',
    numClasses,
    params: [{ name: 'arcface/weight', variable: weight, decay: true }],
    forward(embeddings, oneHot) {
      if (disposed) throw new MlError('disposed', 'the ArcFace head has been disposed');
      return arcFaceLogits(embeddings, weight as tf.Tensor2D, oneHot, { scale, margin });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      weight.dispose();
    },
  };
}
