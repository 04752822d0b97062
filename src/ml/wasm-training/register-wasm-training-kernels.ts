// Owns the registration of the kernels the wasm backend lacks for training (the filter and
// depthwise gradients of the backbones' convolutions, gather's gradient), of the studio's own
// fused kernels (the optimizer update, PReLU's gradient), and, on request, of faster
// replacements for built-in kernels that training spends most of its time in.
import * as tf from '@tensorflow/tfjs';
// The built-in wasm kernels register on import; ours must come after them to replace any.
import '@tensorflow/tfjs-backend-wasm';
import { batchMatMulConfig } from './batch-mat-mul';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input';
import { depthwiseConv2dBackpropFilterConfig } from './depthwise-conv2d-backprop-filter';
import { depthwiseConv2dBackpropInputConfig } from './depthwise-conv2d-backprop-input';
import { identityConfig } from './identity';
import { meanConfig, sumConfig } from './leading-axis-reduction';
import { maxPoolGradConfig } from './max-pool-grad';
import { optimizerUpdateConfig } from './optimizer-update';
import { preluGradConfig } from './prelu-grad';
import { reverseConfig } from './reverse';
import { tileConfig } from './tile';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum';

/** Kernels tfjs-backend-wasm 4.22 lacks and training needs: added where still missing. */
export const WASM_MISSING_TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
  depthwiseConv2dBackpropFilterConfig,
  unsortedSegmentSumConfig,
];

/**
 * Kernels tfjs-backend-wasm 4.22 has, but slow where a train step spends its time:
 * Conv2DBackpropInput, a scalar loop (~3–5 GFLOP/s against ~34 for its XNNPACK convolutions
 * at ResNet-18 64×64 batch 32), Tile (~50 ns per element; BatchNorm's gradient tiles every
 * layer's scale), Sum and Mean over leading axes (a transpose first; BatchNorm again), and
 * BatchMatMul with a transposed operand (a scalar loop; every dense layer's gradient),
 * Identity (a full copy, hundreds of times a step), MaxPoolGrad (every input tested against
 * every window; ResNet-18's stem) and Reverse (an index map per element; the flip augmentation).
 * Each is made from the kernel it replaces, which it falls back to outside its fast cases.
 */
const REPLACEMENTS: readonly {
  kernelName: string;
  make: (builtIn: tf.KernelConfig | undefined) => tf.KernelConfig;
}[] = [
  { kernelName: tf.Conv2DBackpropInput, make: () => conv2dBackpropInputConfig },
  { kernelName: tf.Tile, make: tileConfig },
  { kernelName: tf.Sum, make: sumConfig },
  { kernelName: tf.Mean, make: meanConfig },
  { kernelName: tf.BatchMatMul, make: batchMatMulConfig },
  { kernelName: tf.Identity, make: identityConfig },
  { kernelName: tf.MaxPoolGrad, make: maxPoolGradConfig },
  { kernelName: tf.Reverse, make: reverseConfig },
];

/** kernelFuncs this module registered in place of built-ins, so that a repeat call keeps them. */
const replacementFuncs = new WeakSet<tf.KernelFunc>();

export interface WasmTrainingKernelOptions {
  /**
   * Also put faster kernels in place of the wasm backend's own Conv2DBackpropInput, Tile, Sum,
   * Mean, BatchMatMul, Identity, MaxPoolGrad and Reverse: a ResNet-18 train step at 64×64,
   * batch 32, measured 5.9 s with the first six built-ins and 1.7 s with their replacements
   * (Node, one thread). Off by default, because it overrides kernels tfjs ships, which a later
   * tfjs may have made fast itself.
   */
  replaceSlowBuiltIns?: boolean;
}

/**
 * Registers, for the `wasm` backend, each kernel of WASM_MISSING_TRAINING_KERNELS that no one
 * has registered yet (a later tfjs that ships its own keeps it) and the studio's fused kernels
 * (the optimizer update and PReLU's gradient, under names of their own), and with
 * `replaceSlowBuiltIns` the faster replacements. Idempotent; callable before or after the
 * backend is initialised.
 */
export function registerWasmTrainingKernels(options: WasmTrainingKernelOptions = {}): void {
  for (const config of [...WASM_MISSING_TRAINING_KERNELS, optimizerUpdateConfig, preluGradConfig]) {
    if (tf.getKernel(config.kernelName, 'wasm') === undefined) tf.registerKernel(config);
  }
  if (options.replaceSlowBuiltIns !== true) return;
  for (const { kernelName, make } of REPLACEMENTS) {
    const current = tf.getKernel(kernelName, 'wasm');
    if (current !== undefined && replacementFuncs.has(current.kernelFunc)) continue;
    const replacement = make(current);
    if (current !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel(replacement);
    replacementFuncs.add(replacement.kernelFunc);
  }
}
