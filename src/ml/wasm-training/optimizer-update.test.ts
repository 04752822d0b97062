// Checks the fused optimizer-update kernel: the optimiser on wasm (one kernel a parameter, checked
// to have run) takes the same steps as on cpu (the tensor-op rules), for Adam and SGD, with and
// without decay, keeps no tensor it made, and exports the same state.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { OptimizerName } from '../config';
import { createOptimizer } from '../optimizer';
import type { TrainableParam } from '../weight-records';
import { OPTIMIZER_UPDATE } from './optimizer-update';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

beforeAll(async () => {
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  await tf.setBackend('wasm');
});

const SHAPES: Record<string, number[]> = { kernel: [3, 3, 4, 5], gamma: [5], beta: [5] };

/** Deterministic values in [−scale, scale) from a seed. */
function values(count: number, seed: number, scale: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32 - 0.5) * 2 * scale;
  });
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `steps` updates on `backend` from fixed weights and gradients; the final weights. */
async function train(backend: 'cpu' | 'wasm', kind: OptimizerName, steps: number) {
  await tf.setBackend(backend);
  const params: TrainableParam[] = Object.entries(SHAPES).map(([name, shape], k) => ({
    name,
    variable: tf.variable(tf.tensor(values(size(shape), 11 + k, 1), shape)),
    decay: name === 'kernel',
  }));
  const optimizer = createOptimizer(kind, params, { momentum: 0.9, weightDecay: 5e-2 });
  let ranFused = false;
  for (let step = 0; step < steps; step++) {
    const gradients = new Map(
      Object.entries(SHAPES).map(([name, shape], k) => [
        name,
        tf.tensor(values(size(shape), 100 * step + k, step % 2 === 0 ? 0.3 : 3e-4), shape),
      ]),
    );
    const tensorsBefore = tf.memory().numTensors;
    const { kernelNames } = await tf.profile(() => {
      optimizer.applyGradients(gradients, 0.01 * (1 + step));
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    ranFused ||= kernelNames.includes(OPTIMIZER_UPDATE);
    gradients.forEach((g) => g.dispose());
  }
  const weights = await Promise.all(params.map((p) => p.variable.data() as Promise<Float32Array>));
  const state = await optimizer.exportState();
  optimizer.dispose();
  params.forEach((p) => p.variable.dispose());
  return { weights, state, ranFused };
}

function maxRelativeError(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(1e-3, Math.abs(b[i] as number));
    worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)) / scale);
  }
  return worst;
}

describe('the fused optimizer update on wasm', () => {
  test('is the kernel the optimiser runs on wasm, and only there', () => {
    expect(tf.getKernel(OPTIMIZER_UPDATE, 'wasm')).toBeDefined();
    expect(tf.getKernel(OPTIMIZER_UPDATE, 'cpu')).toBeUndefined();
  });

  test.each(['adam', 'sgd'] as const)(
    '%s: five steps match the tensor-op rules on cpu',
    async (kind) => {
      const fused = await train('wasm', kind, 5);
      const ops = await train('cpu', kind, 5);
      expect(fused.ranFused).toBe(true);
      expect(ops.ranFused).toBe(false);
      // The weights moved (a kernel that wrote nothing, or wrote its input back, fails here).
      const start = values(size(SHAPES.kernel as number[]), 11, 1);
      expect(maxRelativeError(fused.weights[0] as Float32Array, start)).toBeGreaterThan(1e-3);
      fused.weights.forEach((w, k) => {
        expect(maxRelativeError(w, ops.weights[k] as Float32Array)).toBeLessThan(1e-5);
      });
      // The slots, as exported: same names, same values.
      expect(fused.state.map((r) => r.name)).toEqual(ops.state.map((r) => r.name));
      fused.state.forEach((record, k) => {
        const other = ops.state[k]?.data as Float32Array;
        expect(maxRelativeError(record.data as Float32Array, other)).toBeLessThan(1e-5);
      });
    },
  );

  test('does not change its inputs', async () => {
    await tf.setBackend('wasm');
    const w = tf.tensor1d([1, 2, 3]);
    const g = tf.tensor1d([0.5, -0.5, 1]);
    const m = tf.zeros([3]);
    const v = tf.zeros([3]);
    const attrs = {
      rule: 'adam',
      learningRate: 0.1,
      decayFactor: 1,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      iteration: 1,
    };
    const out = tf.engine().runKernel(OPTIMIZER_UPDATE, { w, g, m, v }, attrs) as tf.Tensor[];
    expect(Array.from(await w.data())).toEqual([1, 2, 3]);
    expect(Array.from(await m.data())).toEqual([0, 0, 0]);
    // First Adam step: each weight moves by lr against its gradient's sign.
    const moved = Array.from(await (out[0] as tf.Tensor).data());
    [0.9, 2.1, 2.9].forEach((x, i) => expect(moved[i]).toBeCloseTo(x, 5));
    tf.dispose([w, g, m, v, ...out]);
  });
});
