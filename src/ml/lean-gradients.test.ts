// Checks the gradients that replace tfjs's: the same values as tfjs's own (taken before the
// replacement). Mean and Sum over leading, inner and all axes, kept or not, and through
// BatchNorm's moments as training uses them; Prelu's, fused on wasm and tfjs's formula on cpu,
// with one slope per channel (as MobileFaceNet) and with slopes the fused kernel does not take.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { registerLeanGradients } from './lean-gradients';
import { PRELU_GRAD } from './wasm-training/prelu-grad';
import { registerWasmTrainingKernels } from './wasm-training/register-wasm-training-kernels';

const PRELU_SLOPES: Record<string, number[]> = {
  'one slope per channel, [1, 1, C] (fused on wasm)': [1, 1, 5],
  'one slope per channel, [C] (fused on wasm)': [5],
  'a slope per element of a row (tfjs formula everywhere)': [3, 4, 5],
};
/** tfjs's own Prelu gradients, taken before any replacement is registered. */
const tfjsPrelu = new Map<string, Float32Array[]>();
let tfjsPreluGradient: tf.GradConfig | undefined;

beforeAll(async () => {
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  tfjsPreluGradient = tf.getGradient(tf.Prelu);
  for (const [name, shape] of Object.entries(PRELU_SLOPES)) {
    tfjsPrelu.set(name, await preluGradients('cpu', shape));
  }
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
    registerLeanGradients();
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

  test('an empty tensor has an empty gradient', () => {
    registerLeanGradients();
    const empty = tf.zeros([0, 3]);
    for (const reduce of [(t: tf.Tensor) => tf.sum(t, 0), (t: tf.Tensor) => tf.mean(t, 1)]) {
      const grad = tf.grad((t: tf.Tensor) => tf.sum(reduce(t)))(empty);
      expect(grad.shape).toEqual([0, 3]);
      grad.dispose();
    }
    empty.dispose();
  });

  test('registering twice changes nothing', () => {
    registerLeanGradients();
    const config = tf.getGradient(tf.Sum);
    registerLeanGradients();
    expect(tf.getGradient(tf.Sum)).toBe(config);
  });
});

/** Gradients w.r.t. x and the slopes of a weighted sum of prelu(x, alpha), on `backend`. */
async function preluGradients(backend: 'cpu' | 'wasm', alphaShape: number[]) {
  await tf.setBackend(backend);
  let grads: Float32Array[] = [];
  const { kernelNames } = await tf.profile(() => {
    grads = tf.tidy(() => {
      const alpha = tf.tensor(
        Array.from({ length: alphaShape.reduce((a, b) => a * b, 1) }, (_, i) => 0.1 + 0.05 * i),
        alphaShape,
      );
      const [dx, dAlpha] = tf.grads((t: tf.Tensor, a: tf.Tensor) =>
        tf.sum(tf.mul(tf.prelu(t, a), weights([2, 3, 4, 5]))),
      )([x(), alpha]);
      return [dx?.dataSync() as Float32Array, dAlpha?.dataSync() as Float32Array];
    });
  });
  return Object.assign(grads, { fused: kernelNames.includes(PRELU_GRAD) });
}

describe("Prelu's gradient", () => {
  test.each(Object.keys(PRELU_SLOPES))('%s: as tfjs computes it', async (name) => {
    const alpha = PRELU_SLOPES[name] as number[];
    const tfjs = tfjsPrelu.get(name) as Float32Array[];
    registerLeanGradients();
    expect(tf.getGradient(tf.Prelu)).not.toBe(tfjsPreluGradient);
    expect(tf.getKernel(PRELU_GRAD, 'wasm')).toBeDefined();
    for (const backend of ['cpu', 'wasm'] as const) {
      const ours = await preluGradients(backend, alpha);
      // The fused kernel runs on wasm for one slope per channel, and nowhere else.
      expect(ours.fused).toBe(backend === 'wasm' && name.includes('fused on wasm'));
      ours.forEach((grad, k) => {
        const reference = tfjs[k] as Float32Array;
        expect(grad.length).toBe(reference.length);
        grad.forEach((value, i) => expect(value).toBeCloseTo(reference[i] as number, 5));
      });
    }
    await tf.setBackend('cpu');
  });
});
