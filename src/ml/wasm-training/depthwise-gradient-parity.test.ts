// Checks the wasm DepthwiseConv2dNativeBackpropInput and …BackpropFilter (both added) against
// the cpu backend on seeded random inputs: strides 1 and 2, same / valid / explicit padding,
// dilation 2 (with stride 1, as TensorFlow requires), channel multipliers 1 and 2, the global
// depthwise layer (kernel = whole input), batch 1 to 32, odd sizes.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  convCase,
  createParityLog,
  dilateFilterValues,
  filterShapeOf,
  inputShapeOf,
  makeInputValues,
  outputShapeOf,
  PARITY_TOLERANCE,
  relativeError,
  runKernelOn,
  undilateFilterValues,
  type ConvCase,
  type InputSpec,
} from './test-utils/backend-parity';
import { depthwiseConv2dBackpropFilterImpl } from './depthwise-conv2d-backprop-filter';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

type Inputs = Record<string, { spec: InputSpec; values: number[] }>;
type Kernel = 'DepthwiseConv2dNativeBackpropInput' | 'DepthwiseConv2dNativeBackpropFilter';

const log = createParityLog();

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

afterAll(() => log.print());

// prettier-ignore
const CASES: ConvCase[] = [
  convCase('3×3 s1 same, batch 1, odd 7×7', 1, [7, 7], 8, 1, [3, 3], [1, 1], 'same'),
  convCase('3×3 s2 same, batch 32, 8×8', 32, [8, 8], 8, 1, [3, 3], [2, 2], 'same'),
  convCase('3×3 s2 same, batch 2, odd 9×7', 2, [9, 7], 4, 1, [3, 3], [2, 2], 'same'),
  convCase('3×3 s2 valid, batch 2, odd 9×9', 2, [9, 9], 4, 1, [3, 3], [2, 2], 'valid'),
  convCase('4×4 valid global (GDC), batch 32', 32, [4, 4], 16, 1, [4, 4], [1, 1], 'valid'),
  convCase('3×3 s2 same multiplier 2, batch 3, 8×7', 3, [8, 7], 3, 2, [3, 3], [2, 2], 'same'),
  convCase('3×3 s1 explicit [2,0]×[1,1], batch 2, 6×5', 2, [6, 5], 3, 1, [3, 3], [1, 1],
    [[0, 0], [2, 0], [1, 1], [0, 0]]),
  convCase('3×3 dilation 2 s1 same, batch 2, odd 9×9', 2, [9, 9], 4, 1, [3, 3], [1, 1], 'same', [2, 2]),
  convCase('3×3 dilation 2 s1 valid multiplier 2, batch 32, 8×7', 32, [8, 7], 3, 2, [3, 3], [1, 1],
    'valid', [2, 2]),
];

/**
 * The cpu reference. The cpu backend's depthwise gradient kernels ignore dilation (their loops
 * step one input pixel per tap), so a dilated case is computed on the equivalent undilated
 * filter with zeros between the taps; for the filter gradient, its taps are then picked out.
 */
async function reference(kernel: Kernel, c: ConvCase, inputs: Inputs): Promise<Float32Array> {
  const [dh, dw] = c.dilations;
  const undilated = { strides: c.strides, pad: c.pad, dilations: [1, 1] };
  if (kernel === 'DepthwiseConv2dNativeBackpropInput') {
    const filter = inputs.filter?.values ?? [];
    const dilated = dilateFilterValues(filter, filterShapeOf(c), dh, dw);
    const dy = inputs.dy as Inputs[string];
    const run = await runKernelOn(
      'cpu',
      kernel,
      { dy, filter: { spec: { shape: dilated.shape }, values: dilated.values } },
      { ...undilated, inputShape: inputShapeOf(c) },
    );
    return run.values;
  }
  const dilatedShape = [
    (c.kernel[0] - 1) * dh + 1,
    (c.kernel[1] - 1) * dw + 1,
    c.inChannels,
    c.out,
  ];
  const run = await runKernelOn('cpu', kernel, inputs, { ...undilated, filterShape: dilatedShape });
  return undilateFilterValues(run.values, dilatedShape, dh, dw);
}

describe.each([
  'DepthwiseConv2dNativeBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
] as const)('%s on wasm matches cpu', (kernel) => {
  test.each(CASES)('$name', async (c) => {
    const dyShape = outputShapeOf(c, true);
    const isInput = kernel === 'DepthwiseConv2dNativeBackpropInput';
    const specs: Record<string, InputSpec> = isInput
      ? { dy: { shape: dyShape }, filter: { shape: filterShapeOf(c) } }
      : { x: { shape: inputShapeOf(c) }, dy: { shape: dyShape } };
    const inputs = makeInputValues(specs, c.height * 71 + c.batch * 3 + c.out);
    const attrs = {
      strides: c.strides,
      pad: c.pad,
      dilations: c.dilations,
      ...(isInput ? { inputShape: inputShapeOf(c) } : { filterShape: filterShapeOf(c) }),
    };
    const wasm = await runKernelOn('wasm', kernel, inputs, attrs);
    expect(wasm.shape).toEqual(isInput ? inputShapeOf(c) : filterShapeOf(c));
    const error = relativeError(wasm.values, await reference(kernel, c, inputs));
    log.record(kernel, c.name, error);
    expect(error).toBeLessThan(PARITY_TOLERANCE);
  });
});

describe('DepthwiseConv2dNativeBackpropFilter, each method, on wasm matches cpu', () => {
  const runs = CASES.flatMap((c) =>
    (c.strides[0] === 1 && c.strides[1] === 1
      ? (['grid', 'patches'] as const)
      : (['patches'] as const)
    ).map((method) => ({ ...c, method })),
  );
  test.each(runs)('$name, $method', async (c) => {
    const kernel = 'DepthwiseConv2dNativeBackpropFilter';
    const dyShape = outputShapeOf(c, true);
    const inputs = makeInputValues(
      { x: { shape: inputShapeOf(c) }, dy: { shape: dyShape } },
      c.height * 71 + c.batch * 3 + c.out,
    );
    await tf.setBackend('wasm');
    const dW = tf.tidy(() =>
      depthwiseConv2dBackpropFilterImpl(
        tf.tensor4d(inputs.x?.values ?? [], inputShapeOf(c)),
        tf.tensor4d(inputs.dy?.values ?? [], dyShape),
        { strides: c.strides, pad: c.pad, dilations: c.dilations, filterShape: filterShapeOf(c) },
        c.method,
      ),
    );
    const error = relativeError(await dW.data(), await reference(kernel, c, inputs));
    dW.dispose();
    log.record(`${kernel} (${c.method})`, c.name, error);
    expect(error).toBeLessThan(PARITY_TOLERANCE);
  });
});
