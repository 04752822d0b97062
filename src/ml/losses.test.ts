// Checks the label-smoothed cross-entropy against values worked out by hand.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { oneHotLabels, softmaxCrossEntropy } from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

test('cross-entropy with label smoothing 0.1 matches the hand computation', async () => {
  // Row 0: logits [ln 3, 0] → p = [0.75, 0.25]; targets (1 − 0.1)·[1, 0] + 0.1/2 = [0.95, 0.05];
  //   loss = −(0.95·ln 0.75 + 0.05·ln 0.25) = 0.95·0.2876821 + 0.05·1.3862944 = 0.3426127.
  // Row 1: logits [0, 0] → p = [0.5, 0.5]; loss = ln 2 = 0.6931472 whatever the targets.
  // Mean: (0.3426127 + 0.6931472) / 2 = 0.5178800.
  const logits = tf.tensor2d([
    [Math.log(3), 0],
    [0, 0],
  ]);
  const oneHot = oneHotLabels(tf.tensor1d([0, 1], 'int32'), 2);
  const loss = softmaxCrossEntropy(logits, oneHot, 0.1);
  expect((await loss.data())[0]).toBeCloseTo(0.51788, 5);
});

test('without smoothing it is the negative log-likelihood of the true class', async () => {
  // logits [ln 3, 0], label 0 → −ln 0.75 = 0.2876821.
  const loss = softmaxCrossEntropy(
    tf.tensor2d([[Math.log(3), 0]]),
    oneHotLabels(tf.tensor1d([0], 'int32'), 2),
    0,
  );
  expect((await loss.data())[0]).toBeCloseTo(0.2876821, 5);
});
