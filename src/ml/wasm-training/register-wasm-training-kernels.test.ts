// Checks the registration: by default only the kernels wasm lacks are added and the built-ins
// stay; with replaceSlowBuiltIns the replacements take over; repeated calls change nothing.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect, test } from 'vitest';
import {
  registerWasmTrainingKernels,
  WASM_MISSING_TRAINING_KERNELS,
} from './register-wasm-training-kernels';

const MISSING = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'UnsortedSegmentSum',
];
const REPLACED = ['Conv2DBackpropInput', 'Tile', 'Sum', 'Mean', 'BatchMatMul'];

const kernelFuncs = (names: string[]) => names.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc);

test('adds the missing kernels once, and replaces built-ins only when asked', async () => {
  // This file runs in its own process: the registry holds tfjs-backend-wasm's kernels only.
  expect(kernelFuncs(MISSING).every((f) => f === undefined)).toBe(true);
  const builtIns = kernelFuncs(REPLACED);
  expect(builtIns.every((f) => f !== undefined)).toBe(true);

  registerWasmTrainingKernels();
  expect(kernelFuncs(MISSING)).toEqual(WASM_MISSING_TRAINING_KERNELS.map((k) => k.kernelFunc));
  expect(kernelFuncs(REPLACED)).toEqual(builtIns);

  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  const replacements = kernelFuncs(REPLACED);
  replacements.forEach((f, i) => expect(f).not.toBe(builtIns[i]));

  // Repeats keep what is there, with or without the option.
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  registerWasmTrainingKernels();
  expect(kernelFuncs(REPLACED)).toEqual(replacements);
  expect(kernelFuncs(MISSING)).toEqual(WASM_MISSING_TRAINING_KERNELS.map((k) => k.kernelFunc));

  // Replacements registered before the backend starts still reach their built-in fallbacks
  // (which bind their wasm functions at set-up): an int32 Tile is one.
  await tf.setBackend('wasm');
  const tiled = tf.tile(tf.tensor1d([1, 2], 'int32'), [2]);
  expect(Array.from(await tiled.data())).toEqual([1, 2, 1, 2]);
  tiled.dispose();
});
