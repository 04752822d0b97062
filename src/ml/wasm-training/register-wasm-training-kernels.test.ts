// Checks the registration: by default only the kernels wasm lacks and the studio's fused ones are
// added and the built-ins stay; with replaceSlowBuiltIns the replacements take over; repeated calls change nothing.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect, test } from 'vitest';
import {
  registerWasmTrainingKernels,
  WASM_MISSING_TRAINING_KERNELS,
} from './register-wasm-training-kernels';

const MISSING = WASM_MISSING_TRAINING_KERNELS.map((k) => k.kernelName);
const REPLACED = [
  'Conv2DBackpropInput',
  'Tile',
  'Sum',
  'Mean',
  'BatchMatMul',
  'Identity',
  'MaxPoolGrad',
  'Reverse',
];
/** The studio's own kernels, under names tfjs does not use: always registered. */
const FUSED = ['FaceStudioOptimizerUpdate', 'FaceStudioPreluGrad'];

const kernelFuncs = (names: string[]) => names.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc);

test('adds the missing kernels once, and replaces built-ins only when asked', async () => {
  // What training the backbones on wasm was measured to lack (plus gather's gradient).
  expect(MISSING).toEqual([
    'Conv2DBackpropFilter',
    'DepthwiseConv2dNativeBackpropInput',
    'DepthwiseConv2dNativeBackpropFilter',
    'UnsortedSegmentSum',
  ]);
  // This file runs in its own process: the registry holds tfjs-backend-wasm's kernels only.
  // tfjs 4.22 has none of MISSING; a later one that ships any keeps its own.
  const before = kernelFuncs(MISSING);
  const expected = WASM_MISSING_TRAINING_KERNELS.map((k, i) => before[i] ?? k.kernelFunc);
  const builtIns = kernelFuncs(REPLACED);
  expect(builtIns.every((f) => f !== undefined)).toBe(true);

  expect(kernelFuncs(FUSED)).toEqual([undefined, undefined]);
  registerWasmTrainingKernels();
  expect(kernelFuncs(MISSING)).toEqual(expected);
  expect(kernelFuncs(REPLACED)).toEqual(builtIns);
  const fused = kernelFuncs(FUSED);
  expect(fused.every((f) => f !== undefined)).toBe(true);

  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  const replacements = kernelFuncs(REPLACED);
  replacements.forEach((f, i) => expect(f).not.toBe(builtIns[i]));

  // Repeats keep what is there, with or without the option.
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  registerWasmTrainingKernels();
  expect(kernelFuncs(REPLACED)).toEqual(replacements);
  expect(kernelFuncs(MISSING)).toEqual(expected);
  expect(kernelFuncs(FUSED)).toEqual(fused);

  // Replacements registered before the backend starts still reach their built-in fallbacks
  // (which bind their wasm functions at set-up): an int32 Tile is one.
  await tf.setBackend('wasm');
  const tiled = tf.tile(tf.tensor1d([1, 2], 'int32'), [2]);
  expect(Array.from(await tiled.data())).toEqual([1, 2, 1, 2]);
  tiled.dispose();
});
