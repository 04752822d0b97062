// Checks the plain-TypeScript transpose against tf.transpose for the permutations the exporter
// uses (conv and depthwise kernels, PReLU slopes) and a rank-3 shape with unequal axes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { permute } from './permute';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

test.each([
  { shape: [3, 2, 5, 4], perm: [3, 2, 0, 1] },
  { shape: [3, 2, 5, 4], perm: [2, 3, 0, 1] },
  { shape: [2, 3, 7], perm: [2, 0, 1] },
  { shape: [6], perm: [0] },
])('permutes $shape by $perm as tf.transpose does', ({ shape, perm }) => {
  const x = tf.randomUniform(shape, -1, 1, 'float32', 3);
  const expected = tf.transpose(x, perm);
  const actual = permute(Float32Array.from(x.dataSync()), shape, perm);
  expect(actual.shape).toEqual(expected.shape);
  expect(Array.from(actual.values)).toEqual(Array.from(expected.dataSync()));
  x.dispose();
  expected.dispose();
});

test('refuses an axis list that is not a permutation', () => {
  expect(() => permute(new Float32Array(6), [2, 3], [0, 0])).toThrow(RangeError);
});
