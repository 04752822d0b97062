// Checks the wasm Conv2DBackpropFilter (added) and Conv2DBackpropInput (replacement, each of its
// three methods) against the cpu backend's kernels on seeded random inputs: strides 1, 2, 3 and
// 2×1, same / valid / numeric / explicit padding, kernels 1×1 to 7×7, batch 1 to 32, odd sizes.
// conv2d's gradient kernels take no dilation (tfjs refuses dilated conv2d gradients).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  convCase,
  createParityLog,
  filterShapeOf,
  inputShapeOf,
  makeInputValues,
  outputShapeOf,
  PARITY_TOLERANCE,
  relativeError,
  runKernelOn,
  type ConvCase,
} from './test-utils/backend-parity';
import { conv2dBackpropInputImpl, type BackpropInputMethod } from './conv2d-backprop-input';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const log = createParityLog();

beforeAll(async () => {
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  await tf.setBackend('wasm');
});

afterAll(() => log.print());

// prettier-ignore
const CASES: ConvCase[] = [
  convCase('3×3 s1 same, batch 1, odd 7×9', 1, [7, 9], 3, 5, [3, 3], [1, 1], 'same'),
  convCase('3×3 s2 same, batch 32, 9×8', 32, [9, 8], 4, 8, [3, 3], [2, 2], 'same'),
  convCase('3×3 s2 valid, batch 2, odd 9×9', 2, [9, 9], 5, 6, [3, 3], [2, 2], 'valid'),
  convCase('7×7 s2 same (stem), batch 4, odd 17×17', 4, [17, 17], 3, 8, [7, 7], [2, 2], 'same'),
  convCase('1×1 s2 same, batch 32, 8×8', 32, [8, 8], 8, 16, [1, 1], [2, 2], 'same'),
  convCase('1×1 s1 valid, batch 1, odd 7×5', 1, [7, 5], 6, 4, [1, 1], [1, 1], 'valid'),
  convCase('5×3 strides 2×1 valid, batch 3, 11×6', 3, [11, 6], 2, 3, [5, 3], [2, 1], 'valid'),
  convCase('3×3 s2 pad 1, batch 2, odd 9×7', 2, [9, 7], 3, 4, [3, 3], [2, 2], 1),
  convCase('2×2 s2 same, batch 1, odd 5×5', 1, [5, 5], 3, 2, [2, 2], [2, 2], 'same'),
  convCase('3×3 s3 same, batch 2, 10×8', 2, [10, 8], 2, 3, [3, 3], [3, 3], 'same'),
  convCase('3×3 s1 explicit [1,2]×[0,1], batch 2, 6×5', 2, [6, 5], 3, 4, [3, 3], [1, 1],
    [[0, 0], [1, 2], [0, 1], [0, 0]]),
  convCase('3×3 s1 same, deep stage: batch 32, 2×2, 64→64', 32, [2, 2], 64, 64, [3, 3], [1, 1], 'same'),
];

describe('Conv2DBackpropFilter on wasm matches cpu', () => {
  test.each(CASES)('$name', async (c) => {
    const inputs = makeInputValues(
      { x: { shape: inputShapeOf(c) }, dy: { shape: outputShapeOf(c, false) } },
      c.height * 131 + c.batch,
    );
    const attrs = {
      strides: c.strides,
      pad: c.pad,
      dataFormat: 'NHWC',
      filterShape: filterShapeOf(c),
    };
    const wasm = await runKernelOn('wasm', 'Conv2DBackpropFilter', inputs, attrs);
    const cpu = await runKernelOn('cpu', 'Conv2DBackpropFilter', inputs, attrs);
    expect(wasm.shape).toEqual(cpu.shape);
    const error = relativeError(wasm.values, cpu.values);
    log.record('Conv2DBackpropFilter', c.name, error);
    expect(error).toBeLessThan(PARITY_TOLERANCE);
  });
});

describe('Conv2DBackpropInput (replacement) on wasm matches cpu', () => {
  // The kernel picks a method by shape ('auto'); each method is checked on every case.
  const methods: BackpropInputMethod[] = ['auto', 'phases', 'gemm', 'filterImage'];
  test.each(CASES.flatMap((c) => methods.map((method) => ({ ...c, method }))))(
    '$name, $method',
    async (c) => {
      const dyShape = outputShapeOf(c, false);
      const inputs = makeInputValues(
        { dy: { shape: dyShape }, filter: { shape: filterShapeOf(c) } },
        c.width * 37 + c.batch,
      );
      const attrs = {
        strides: c.strides,
        pad: c.pad,
        dataFormat: 'NHWC' as const,
        inputShape: inputShapeOf(c),
      };
      let wasm: Float32Array;
      if (c.method === 'auto') {
        wasm = (await runKernelOn('wasm', 'Conv2DBackpropInput', inputs, attrs)).values;
      } else {
        await tf.setBackend('wasm');
        const dx = tf.tidy(() =>
          conv2dBackpropInputImpl(
            tf.tensor4d(inputs.dy?.values ?? [], dyShape),
            tf.tensor4d(inputs.filter?.values ?? [], filterShapeOf(c)),
            attrs,
            c.method,
          ),
        );
        expect(dx.shape).toEqual(inputShapeOf(c));
        wasm = new Float32Array(await dx.data());
        dx.dispose();
      }
      const cpu = await runKernelOn('cpu', 'Conv2DBackpropInput', inputs, attrs);
      const error = relativeError(wasm, cpu.values);
      log.record(`Conv2DBackpropInput (${c.method})`, c.name, error);
      expect(error).toBeLessThan(PARITY_TOLERANCE);
    },
  );
});
