// Owns the plain softmax head: a linear classifier (logits = x·W + b), the baseline to ArcFace.
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../ml-error';
import type { ClassifierHead } from './classifier-head';

export interface SoftmaxHeadOptions {
  embeddingDim: number;
  numClasses: number;
  seed: number;
}

export function createSoftmaxHead(options: SoftmaxHeadOptions): ClassifierHead {
  const { embeddingDim, numClasses, seed } = options;
  const limit = Math.sqrt(6 / (embeddingDim + numClasses));
  // Made inside tidy so the initial values are freed (tidy never disposes variables).
  const weight = tf.tidy(() =>
    tf.variable(tf.randomUniform([embeddingDim, numClasses], -limit, limit, 'float32', seed), true),
  ); // [D, K]
  const bias = tf.tidy(() => tf.variable(tf.zeros([numClasses]), true)); // [K]
  let disposed = false;
  return {
    kind: 'softmax',
    numClasses,
    params: [
      { name: 'softmax/weight', variable: weight, decay: true },
      { name: 'softmax/bias', variable: bias, decay: false },
    ],
    forward(embeddings) {
      if (disposed) throw new MlError('disposed', 'the softmax head has been disposed');
      const logits = tf.tidy(() => tf.add(tf.matMul(embeddings, weight), bias) as tf.Tensor2D);
      // Without a margin the training and prediction logits are the same tensor.
      return { logits, predictions: logits };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      weight.dispose();
      bias.dispose();
    },
  };
}
