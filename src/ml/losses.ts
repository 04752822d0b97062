// Owns the classification loss: softmax cross-entropy with label smoothing, from one-hot targets
// (no gather, whose gradient the wasm backend cannot compute).
import * as tf from '@tensorflow/tfjs';

/**
 * Mean over the batch of −Σ_k q_k · log softmax(z)_k with q = (1 − ε)·onehot + ε/K, the same
 * definition as PyTorch's CrossEntropyLoss(label_smoothing = ε).
 */
export function softmaxCrossEntropy(
  logits: tf.Tensor2D, // [batch, K]
  oneHot: tf.Tensor2D, // [batch, K], float32
  labelSmoothing: number,
): tf.Scalar {
  return tf.tidy(() => {
    const numClasses = logits.shape[1];
    const targets = tf.add(tf.mul(oneHot, 1 - labelSmoothing), labelSmoothing / numClasses);
    const logProbabilities = tf.logSoftmax(logits); // [batch, K]
    const perExample = tf.neg(tf.sum(tf.mul(targets, logProbabilities), 1)); // [batch]
    return tf.mean(perExample) as tf.Scalar;
  });
}

/** Labels [batch] (int32) as float32 one-hot rows [batch, K]. */
export function oneHotLabels(labels: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(labels, numClasses), 'float32') as tf.Tensor2D);
}
