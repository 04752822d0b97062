// Checks the Mean and Sum gradients that replace tfjs's: the same values as tfjs's own (taken
// before the replacement), for reductions over leading, inner and all axes, kept or not, and
// through BatchNorm's moments as training uses them.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { registerReductionGradients } from './reduction-gradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const x = () =>
  tf.tensor4d(
    Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => Math.sin(i)),
    [2, 3, 4, 5],
  );
const weights = (shape: number[]) =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.cos(3 * i)),
    shape,
  );

/** Gradients w.r.t. x of a weighted sum of each reduction, with whatever gradients are registered. */
function gradients(): Float32Array[] {
  const cases: ((t: tf.Tensor) => tf.Tensor)[] = [
    (t) => tf.mean(t, [0, 1, 2]),
    (t) => tf.mean(t, [0, 1, 2], true),
    (t) => tf.mean(t, -1),
    (t) => tf.mean(t),
    (t) => tf.sum(t, [1, 3]),
    (t) => tf.sum(t, 0, true),
    (t) => tf.sum(t),
    (t) => tf.moments(t, [0, 1, 2]).variance,
  ];
  return cases.map((reduce) =>
    tf.tidy(() => {
      const grad = tf.grad((t: tf.Tensor) => {
        const reduced = reduce(t);
        return tf.sum(tf.mul(reduced, weights(reduced.shape)));
      })(x());
      expect(grad.shape).toEqual([2, 3, 4, 5]);
      return grad.dataSync() as Float32Array;
    }),
  );
}

describe('the reduction gradients', () => {
  test("give tfjs's values for means, sums and BatchNorm's variance", () => {
    const before = gradients();
    const tfjsMean = tf.getGradient(tf.Mean);
    registerReductionGradients();
    expect(tf.getGradient(tf.Mean)).not.toBe(tfjsMean);
    const after = gradients();
    after.forEach((grad, k) => {
      const reference = before[k] as Float32Array;
      grad.forEach((value, i) => expect(value).toBeCloseTo(reference[i] as number, 6));
    });
    // The mean over all 120 elements: every element gets weight/120.
    const weight = Math.cos(0);
    expect(after[3]?.[7]).toBeCloseTo(weight / 120, 7);
  });

  test('registering twice changes nothing', () => {
    registerReductionGradients();
    const config = tf.getGradient(tf.Sum);
    registerReductionGradients();
    expect(tf.getGradient(tf.Sum)).toBe(config);
  });
});
