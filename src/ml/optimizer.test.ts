// Checks the optimisers against hand-computed updates (SGD momentum, Adam, decoupled decay on
// kernels only) and that exported state restores the exact same next update.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createOptimizer } from './optimizer';
import type { TrainableParam } from './weight-records';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function params(): TrainableParam[] {
  return [
    { name: 'kernel', variable: tf.variable(tf.tensor1d([1, -2])), decay: true },
    { name: 'gamma', variable: tf.variable(tf.tensor1d([3])), decay: false },
  ];
}

const grads = (k: number[], g: number[]) =>
  new Map<string, tf.Tensor>([
    ['kernel', tf.tensor1d(k)],
    ['gamma', tf.tensor1d(g)],
  ]);

const values = async (p: TrainableParam[]) =>
  Promise.all(p.map(async (x) => Array.from(await x.variable.data())));

describe('SGD with momentum and decoupled decay', () => {
  test('matches the hand computation over two steps', async () => {
    const p = params();
    const sgd = createOptimizer('sgd', p, { momentum: 0.9, weightDecay: 0.1 });
    // Step 1, lr 0.5, g = [1, 1] for the kernel, [2] for gamma:
    //   v = g; kernel = [1, −2]·(1 − 0.5·0.1) − 0.5·[1, 1] = [0.95, −1.9] − [0.5, 0.5] = [0.45, −2.4]
    //   gamma (no decay) = 3 − 0.5·2 = 2.
    sgd.applyGradients(grads([1, 1], [2]), 0.5);
    let [kernel, gamma] = await values(p);
    expect(kernel?.[0]).toBeCloseTo(0.45, 6);
    expect(kernel?.[1]).toBeCloseTo(-2.4, 6);
    expect(gamma?.[0]).toBeCloseTo(2, 6);
    // Step 2, lr 0.1, same g: v = 0.9·1 + 1 = 1.9;
    //   kernel = [0.45, −2.4]·0.99 − 0.1·1.9 = [0.4455 − 0.19, −2.376 − 0.19] = [0.2555, −2.566]
    //   gamma: v = 0.9·2 + 2 = 3.8; 2 − 0.1·3.8 = 1.62.
    sgd.applyGradients(grads([1, 1], [2]), 0.1);
    [kernel, gamma] = await values(p);
    expect(kernel?.[0]).toBeCloseTo(0.2555, 6);
    expect(kernel?.[1]).toBeCloseTo(-2.566, 6);
    expect(gamma?.[0]).toBeCloseTo(1.62, 6);
    expect(sgd.iterations).toBe(2);
  });
});

describe('Adam (AdamW)', () => {
  test('first step moves each weight by lr against the gradient sign, plus decay', async () => {
    const p = params();
    const adam = createOptimizer('adam', p, { momentum: 0.9, weightDecay: 0.1 });
    // Bias-corrected m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε) = ±lr.
    //   kernel = [1, −2]·(1 − 0.01·0.1) − 0.01·[sign 3, sign −0.5] = [0.999 − 0.01, −1.998 + 0.01]
    //   gamma = 3 − 0.01 = 2.99.
    adam.applyGradients(grads([3, -0.5], [7]), 0.01);
    const [kernel, gamma] = await values(p);
    expect(kernel?.[0]).toBeCloseTo(0.989, 6);
    expect(kernel?.[1]).toBeCloseTo(-1.988, 6);
    expect(gamma?.[0]).toBeCloseTo(2.99, 6);
  });

  test('exported state restores the exact next update, and a mismatch is refused', async () => {
    const a = params();
    const adam = createOptimizer('adam', a, { momentum: 0.9, weightDecay: 1e-2 });
    adam.applyGradients(grads([0.3, -0.1], [0.2]), 0.01);
    adam.applyGradients(grads([-0.2, 0.4], [0.1]), 0.01);
    const state = await adam.exportState();
    expect(state.find((r) => r.name === 'optimizer/iterations')?.data[0]).toBe(2);
    expect(state.map((r) => r.name)).toContain('optimizer/kernel/m');

    const b = params();
    b.forEach((x, i) => x.variable.assign((a[i] as TrainableParam).variable));
    const restored = createOptimizer('adam', b, { momentum: 0.9, weightDecay: 1e-2 });
    restored.importState(state);
    expect(restored.iterations).toBe(2);
    adam.applyGradients(grads([0.5, 0.5], [-0.3]), 0.02);
    restored.applyGradients(grads([0.5, 0.5], [-0.3]), 0.02);
    expect(await values(b)).toEqual(await values(a));

    const sgd = createOptimizer('sgd', params(), { momentum: 0.9, weightDecay: 0 });
    expect(() => sgd.importState(state)).toThrow(/no weight "optimizer\/kernel\/velocity"/);
  });

  test('dispose frees its slot variables', () => {
    const p = params();
    const before = tf.memory().numTensors;
    const adam = createOptimizer('adam', p, { momentum: 0.9, weightDecay: 0 });
    expect(tf.memory().numTensors).toBe(before + 4);
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
