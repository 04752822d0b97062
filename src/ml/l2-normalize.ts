// Owns L2 normalisation along an axis, written so its gradient stays finite at zero vectors.
import * as tf from '@tensorflow/tfjs';

/** x / ‖x‖ along `axis`; the squared norm is floored at 1e-12 so a zero vector maps to zero. */
export function l2Normalize<T extends tf.Tensor>(x: T, axis: number): T {
  return tf.tidy(() => {
    const squaredNorm = tf.sum(tf.square(x), axis, true);
    return tf.mul(x, tf.rsqrt(tf.maximum(squaredNorm, 1e-12))) as T;
  });
}
