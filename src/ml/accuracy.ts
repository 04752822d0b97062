// Owns the per-batch top-1 accuracy count, kept on the backend so a step never waits for a read-back.
import * as tf from '@tensorflow/tfjs';

/** Number of rows whose arg-max matches the label, as a float32 scalar (summed over batches). */
export function countCorrect(
  predictions: tf.Tensor2D, // [batch, K]
  labels: tf.Tensor1D, // [batch], int32
): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(predictions, 1), labels), 'float32')));
}
