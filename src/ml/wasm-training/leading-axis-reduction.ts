// Owns fast Sum and Mean for the wasm backend over leading axes (BatchNorm's statistics and
// gradients reduce [B, H, W, C] over B, H and W): the built-ins first transpose the reduced axes
// innermost (~3 ns per element); XNNPACK's average pooling over them takes ~0.2 ns. (A product
// with a row of ones would not do: XNNPACK packs the right operand first, ~10 ns per element.)
import * as tf from '@tensorflow/tfjs';
import { runWithTensors } from './kernel-bridge';

/** The number of leading axes reduced, if the reduction is over axes 0 … k−1 with k < rank. */
export function leadingAxesReduced(shape: readonly number[], axis: number | number[]): number {
  const axes = tf.util.parseAxisParam(axis, shape as number[]).sort((a, b) => a - b);
  const isPrefix = axes.every((a, i) => a === i);
  return isPrefix && axes.length > 0 && axes.length < shape.length ? axes.length : 0;
}

/**
 * The mean over the first k axes of x, as an average pool of x seen as one image [1, N, 1, R]
 * with an [N, 1] window; keepDims keeps the reduced axes as 1s.
 */
export function meanLeadingAxes(x: tf.Tensor, k: number, keepDims: boolean): tf.Tensor {
  const outer = x.shape.slice(0, k).reduce((a, b) => a * b, 1);
  const rest = x.shape.slice(k);
  const inner = rest.reduce((a, b) => a * b, 1);
  const column = tf.reshape(x, [1, outer, 1, inner]) as tf.Tensor4D;
  const means = tf.avgPool(column, [outer, 1], 1, 'valid'); // [1, 1, 1, R]
  return tf.reshape(means, keepDims ? [...x.shape.slice(0, k).map(() => 1), ...rest] : rest);
}

function reductionConfig(
  kernelName: typeof tf.Sum | typeof tf.Mean,
  builtIn: tf.KernelConfig | undefined,
): tf.KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    // The built-in binds its wasm function at backend set-up, which then only knows this config.
    setupFunc: builtIn?.setupFunc,
    kernelFunc: (args) => {
      const { x } = args.inputs as unknown as tf.SumInputs;
      const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
      if (x === undefined) throw new Error(`${kernelName} needs x`);
      const k = x.dtype === 'float32' ? leadingAxesReduced(x.shape, axis) : 0;
      if (k > 0) {
        return runWithTensors(args.backend, { x }, (t) => {
          const mean = meanLeadingAxes(t.x, k, keepDims);
          if (kernelName === tf.Mean) return mean;
          return tf.mul(
            mean,
            t.x.shape.slice(0, k).reduce((a, b) => a * b, 1),
          );
        });
      }
      if (builtIn === undefined) throw new Error(`wasm ${kernelName}: no kernel to fall back to`);
      return builtIn.kernelFunc(args);
    },
  };
}

export const sumConfig = (builtIn: tf.KernelConfig | undefined) => reductionConfig(tf.Sum, builtIn);
export const meanConfig = (builtIn: tf.KernelConfig | undefined) =>
  reductionConfig(tf.Mean, builtIn);
