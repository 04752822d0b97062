// Checks the other kernels registered for wasm against the cpu backend's: UnsortedSegmentSum
// (added; gather's gradient) and the replacements for slow built-ins, Tile, Sum, Mean,
// BatchMatMul, MaxPoolGrad and Reverse, on their fast paths and on the cases they hand back to the
// built-in.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createParityLog,
  makeInputValues,
  PARITY_TOLERANCE,
  relativeError,
  runKernelOn,
} from './test-utils/backend-parity';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const log = createParityLog();

beforeAll(async () => {
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  await tf.setBackend('wasm');
});

afterAll(() => log.print());

describe('Tile (replacement) on wasm matches cpu', () => {
  test.each([
    {
      name: 'per-channel scale to an activation (BatchNorm gradient)',
      x: [1, 1, 1, 6],
      reps: [32, 5, 3, 1],
      dtype: 'float32' as const,
    },
    { name: 'general reps on a matrix', x: [2, 3], reps: [3, 2], dtype: 'float32' as const },
    { name: 'general reps on rank 3', x: [2, 1, 3], reps: [2, 4, 2], dtype: 'float32' as const },
    {
      name: 'rank 4 with general reps (built-in fallback)',
      x: [2, 3, 1, 2],
      reps: [2, 1, 3, 2],
      dtype: 'float32' as const,
    },
    { name: 'int32 (built-in fallback)', x: [2, 3], reps: [2, 2], dtype: 'int32' as const },
  ])('$name', async ({ x, reps, dtype }) => {
    const size = x.reduce((a, b) => a * b, 1);
    const values = dtype === 'int32' ? Array.from({ length: size }, (_, i) => i - 2) : undefined;
    const inputs = makeInputValues({ x: { shape: x, dtype, values } }, size + 5);
    const wasm = await runKernelOn('wasm', 'Tile', inputs, { reps });
    const cpu = await runKernelOn('cpu', 'Tile', inputs, { reps });
    expect(wasm.shape).toEqual(cpu.shape);
    // A copy: exact.
    expect(Array.from(wasm.values)).toEqual(Array.from(cpu.values));
    log.record('Tile', 'all shapes', relativeError(wasm.values, cpu.values));
  });
});

describe.each(['Sum', 'Mean'] as const)('%s (replacement) on wasm matches cpu', (kernel) => {
  test.each([
    {
      name: 'leading axes of an activation (BatchNorm)',
      x: [32, 5, 3, 8],
      axis: [0, 1, 2],
      keepDims: false,
    },
    { name: 'leading axes, keepDims, unsorted', x: [4, 3, 6], axis: [1, 0], keepDims: true },
    { name: 'axis 0 of a matrix', x: [33, 7], axis: [0], keepDims: false },
    { name: 'a leading axis of size 1', x: [1, 5], axis: [0], keepDims: false },
    { name: 'leading axes, 32768 rows', x: [32, 32, 32, 3], axis: [0, 1, 2], keepDims: false },
    { name: 'inner axes (built-in)', x: [4, 5, 6], axis: [1, 2], keepDims: false },
    { name: 'a middle axis (built-in)', x: [4, 5, 6], axis: [1], keepDims: true },
    { name: 'every axis (built-in)', x: [4, 5], axis: [0, 1], keepDims: false },
  ])('$name', async ({ x, axis, keepDims }) => {
    const inputs = makeInputValues({ x: { shape: x } }, x.length * 17 + axis.length);
    const attrs = { axis, keepDims };
    const wasm = await runKernelOn('wasm', kernel, inputs, attrs);
    const cpu = await runKernelOn('cpu', kernel, inputs, attrs);
    expect(wasm.shape).toEqual(cpu.shape);
    const error = relativeError(wasm.values, cpu.values);
    log.record(kernel, 'all shapes', error);
    expect(error).toBeLessThan(PARITY_TOLERANCE);
  });
});

describe('BatchMatMul (replacement) on wasm matches cpu', () => {
  test.each([
    {
      name: 'aᵀ·b (a dense weight gradient)',
      a: [1, 32, 24],
      b: [1, 32, 40],
      transposeA: true,
      transposeB: false,
    },
    {
      name: 'a·bᵀ (a dense input gradient)',
      a: [1, 32, 40],
      b: [1, 24, 40],
      transposeA: false,
      transposeB: true,
    },
    { name: 'aᵀ·bᵀ', a: [1, 7, 5], b: [1, 3, 7], transposeA: true, transposeB: true },
    { name: 'rank 2 aᵀ·b', a: [9, 4], b: [9, 6], transposeA: true, transposeB: false },
    { name: 'rank 2 · rank 3 a·bᵀ', a: [4, 9], b: [1, 6, 9], transposeA: false, transposeB: true },
    {
      name: 'plain a·b (built-in)',
      a: [1, 5, 7],
      b: [1, 7, 3],
      transposeA: false,
      transposeB: false,
    },
    {
      name: 'batched aᵀ·b (built-in)',
      a: [3, 6, 5],
      b: [3, 6, 4],
      transposeA: true,
      transposeB: false,
    },
  ])('$name', async ({ a, b, transposeA, transposeB }) => {
    const inputs = makeInputValues({ a: { shape: a }, b: { shape: b } }, a[1] ?? 0);
    const attrs = { transposeA, transposeB };
    const wasm = await runKernelOn('wasm', 'BatchMatMul', inputs, attrs);
    const cpu = await runKernelOn('cpu', 'BatchMatMul', inputs, attrs);
    expect(wasm.shape).toEqual(cpu.shape);
    const error = relativeError(wasm.values, cpu.values);
    log.record('BatchMatMul', 'all shapes', error);
    expect(error).toBeLessThan(PARITY_TOLERANCE);
  });
});

describe('Identity (replacement) on wasm', () => {
  test('shares the buffer, and each holder can be freed independently', async () => {
    await tf.setBackend('wasm');
    const before = tf.engine().backend.numDataIds();
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const y = tf.clone(x); // runs Identity
    expect(tf.engine().backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
    const z = tf.add(y, 1);
    y.dispose();
    expect(Array.from(await z.data())).toEqual([2, 3, 4, 5]);
    z.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(before);
  });
});

describe('UnsortedSegmentSum on wasm matches cpu', () => {
  test.each([
    {
      name: 'float rows with repeats and an out-of-range id',
      x: [7, 3, 2],
      ids: [0, 2, 2, 5, -1, 4, 0],
      segments: 6,
      dtype: 'float32' as const,
    },
    {
      name: 'int32 values, 1-d',
      x: [5],
      ids: [1, 1, 0, 3, 1],
      segments: 4,
      dtype: 'int32' as const,
    },
  ])('$name', async ({ x, ids, segments, dtype }) => {
    const size = x.reduce((a, b) => a * b, 1);
    const values =
      dtype === 'int32' ? Array.from({ length: size }, (_, i) => ((i * 7) % 11) - 5) : undefined;
    const inputs = makeInputValues(
      {
        x: { shape: x, dtype, values },
        segmentIds: { shape: [ids.length], dtype: 'int32', values: ids },
      },
      size,
    );
    const attrs = { numSegments: segments };
    const wasm = await runKernelOn('wasm', 'UnsortedSegmentSum', inputs, attrs);
    const cpu = await runKernelOn('cpu', 'UnsortedSegmentSum', inputs, attrs);
    expect(wasm.shape).toEqual(cpu.shape);
    const error = relativeError(wasm.values, cpu.values);
    log.record('UnsortedSegmentSum', dtype, error);
    expect(error).toBeLessThan(PARITY_TOLERANCE);
  });

  test("gather's gradient now runs on wasm and matches cpu", async () => {
    const gradOfGather = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const table = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
      const indices = tf.tensor1d([3, 0, 3, 1], 'int32');
      const weights = tf.tensor2d([1, -2, 0.5, 3, 2, 2, -1, 4], [4, 2]);
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, indices), weights)))(table);
      const values = await grad.data();
      tf.dispose([table, indices, weights, grad]);
      return values;
    };
    const wasm = await gradOfGather('wasm');
    expect(Array.from(wasm)).toEqual(Array.from(await gradOfGather('cpu')));
    // Rows 0, 1, 3 gathered once, once, twice; row 2 never.
    expect(Array.from(wasm)).toEqual([0.5, 3, -1, 4, 0, 0, 3, 0]);
  });
});

describe('MaxPoolGrad (replacement) on wasm matches cpu', () => {
  test.each([
    { name: "ResNet-18's stem pool, 3×3/2 same", x: [2, 9, 8, 5], size: 3, stride: 2, pad: 'same' },
    { name: '2×2/2 valid', x: [1, 6, 6, 3], size: 2, stride: 2, pad: 'valid' },
    { name: '3×3/1 with explicit padding', x: [1, 5, 5, 2], size: 3, stride: 1, pad: 1 },
    // After a ReLU most windows tie at 0: the first maximum takes dy, as on cpu.
    {
      name: 'ties at zero (after a ReLU)',
      x: [2, 8, 8, 4],
      size: 3,
      stride: 2,
      pad: 'same',
      relu: true,
    },
  ] as const)('$name', async (c) => {
    const xSize = c.x.reduce((a: number, b) => a * b, 1);
    const x = makeInputValues({ x: { shape: [...c.x] } }, xSize).x as { values: number[] };
    const xValues = 'relu' in c ? x.values.map((v) => Math.max(0, v)) : x.values;
    await tf.setBackend('cpu');
    const output = tf.maxPool(tf.tensor4d(xValues, [...c.x]), c.size, c.stride, c.pad);
    const inputs = makeInputValues(
      {
        dy: { shape: output.shape },
        input: { shape: [...c.x], values: xValues },
        output: { shape: output.shape, values: Array.from(await output.data()) },
      },
      xSize + 1,
    );
    output.dispose();
    const attrs = { filterSize: c.size, strides: c.stride, pad: c.pad };
    const wasm = await runKernelOn('wasm', 'MaxPoolGrad', inputs, attrs);
    const cpu = await runKernelOn('cpu', 'MaxPoolGrad', inputs, attrs);
    expect(wasm.shape).toEqual(cpu.shape);
    // Every dy lands somewhere: the gradient sums to dy's sum.
    const dySum = (inputs.dy as { values: number[] }).values.reduce((a, b) => a + b, 0);
    expect(wasm.values.reduce((a, b) => a + b, 0)).toBeCloseTo(dySum, 3);
    const error = relativeError(wasm.values, cpu.values);
    log.record('MaxPoolGrad', c.name, error);
    expect(error).toBeLessThan(PARITY_TOLERANCE);
  });
});

describe('Reverse (replacement) on wasm matches cpu', () => {
  test.each([
    { name: 'the width of a batch of images (flip)', x: [2, 3, 4, 3], dims: [2] },
    { name: 'height and width (a filter)', x: [3, 3, 2, 4], dims: [0, 1] },
    { name: 'the last axis, one element at a time', x: [2, 5], dims: [-1] },
    { name: 'the first axis of a vector', x: [7], dims: [0] },
    { name: 'no axis', x: [2, 3], dims: [] },
    { name: 'int32', x: [3, 4], dims: [0, 1], dtype: 'int32' },
  ] as const)('$name', async (c) => {
    const size = c.x.reduce((a: number, b) => a * b, 1);
    const dtype = 'dtype' in c ? c.dtype : ('float32' as const);
    const values = dtype === 'int32' ? Array.from({ length: size }, (_, i) => i - 3) : undefined;
    const inputs = makeInputValues({ x: { shape: [...c.x], dtype, values } }, size + 2);
    const attrs = { dims: [...c.dims] };
    const wasm = await runKernelOn('wasm', 'Reverse', inputs, attrs);
    const cpu = await runKernelOn('cpu', 'Reverse', inputs, attrs);
    expect(wasm.shape).toEqual(cpu.shape);
    // A copy: exact.
    expect(Array.from(wasm.values)).toEqual(Array.from(cpu.values));
    if (c.dims.length > 0) expect(Array.from(wasm.values)).not.toEqual(inputs.x?.values);
  });
});
