// BatchNorm's warm start: a step's momentum is the cumulative average's until it reaches the
// layer's own, so the first batch's statistics replace the initial 0 and 1 and the first ten are
// averaged alike; each layer's own momentum is back after the step, even when the step throws.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { warmBatchNorm, warmMomentum } from './batch-norm-warm-up';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** input [4] → BatchNorm (momentum 0.9, as the backbones' layers). */
function batchNormModel() {
  const input = tf.input({ shape: [4] });
  const norm = tf.layers.batchNormalization({ momentum: 0.9, name: 'bn' });
  return tf.model({ inputs: input, outputs: norm.apply(input) as tf.SymbolicTensor });
}

const movingMean = (model: tf.LayersModel) =>
  Array.from(model.getLayer('bn').getWeights()[2]?.dataSync() ?? []);

describe('BatchNorm warm-up', () => {
  it('averages the first batches alike, then takes the layer’s own momentum', () => {
    expect([0, 1, 3, 8, 9, 10, 500].map((s) => warmMomentum(s, 0.9))).toEqual([
      0,
      0.5,
      0.75,
      8 / 9,
      0.9,
      0.9,
      0.9,
    ]);
    expect(warmMomentum(50, 0.99)).toBeCloseTo(50 / 51, 12);
    expect(warmMomentum(99, 0.99)).toBe(0.99);
  });

  it('makes the moving mean the mean of the batches seen, and restores the momentum', () => {
    const model = batchNormModel();
    const first = tf.tensor2d([
      [1, 2, 3, 4],
      [3, 6, 9, 12],
    ]); // mean [2, 4, 6, 8]
    const tens = tf.fill([2, 4], 10); // mean [10, 10, 10, 10]
    const zeros = tf.zeros([2, 4]); // mean [0, 0, 0, 0]
    const step = (x: tf.Tensor, at: number) =>
      warmBatchNorm(model)(at, () =>
        tf.tidy(() => model.apply(x, { training: true }) as tf.Tensor),
      );
    step(first, 0).dispose();
    expect(movingMean(model)).toEqual([2, 4, 6, 8]); // not 0.9·0 + 0.1·mean
    step(tens, 1).dispose();
    step(zeros, 2).dispose();
    const expected = [2, 4, 6, 8].map((m) => (m + 10 + 0) / 3);
    movingMean(model).forEach((m, i) => expect(m).toBeCloseTo(expected[i] as number, 5));
    expect((model.getLayer('bn') as unknown as { momentum: number }).momentum).toBe(0.9);
    tf.dispose([first, tens, zeros]);
  });

  it('puts the momentum back when the step throws', () => {
    const model = batchNormModel();
    expect(() =>
      warmBatchNorm(model)(0, () => {
        throw new Error('step failed');
      }),
    ).toThrow('step failed');
    expect((model.getLayer('bn') as unknown as { momentum: number }).momentum).toBe(0.9);
  });
});
