// Owns the fused PReLU gradient kernel for the wasm backend: dx and the slopes' gradient in one
// pass over x and dy, in JavaScript over the heap. tfjs's gradient takes a Greater, two Selects,
// two Multiplies, a ZerosLike and a Sum at each of MobileFaceNet's 33 PReLUs; the wasm Greater
// and Select are scalar loops (about 200 ms of a 64×64 batch-32 step between them).
import * as tf from '@tensorflow/tfjs';
import { asHeapBackend, float32Views } from './wasm-heap';

/** The kernel's name; the Prelu gradient (lean-gradients.ts) runs it where it is registered. */
export const PRELU_GRAD = 'FaceStudioPreluGrad';

/** Whether the fused kernel handles x with these slopes: one per channel (last axis), float32. */
export function fusedPreluGradApplies(x: tf.TensorInfo, alpha: tf.TensorInfo): boolean {
  const channels = x.shape[x.shape.length - 1];
  return (
    x.dtype === 'float32' &&
    alpha.dtype === 'float32' &&
    alpha.shape.every((size, k) => size === 1 || k === alpha.shape.length - 1) &&
    alpha.shape[alpha.shape.length - 1] === channels
  );
}

/**
 * dx = dy where x > 0, else dy·alpha[c]; dAlpha[c] = Σ dy·x over the elements of channel c with
 * x ≤ 0 (as tfjs's gradient). x and dy are channels-last; dAlpha is summed in float64.
 */
export function preluGradient(
  x: Float32Array,
  alpha: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  dAlpha: Float32Array,
): void {
  const channels = alpha.length;
  const sums = new Float64Array(channels);
  // Without branches: x's signs are random, and a mispredicted branch per element made this
  // loop 4× slower (16.7 against 4.2 ms for 2 M elements, Node). V8 turns `bool | 0` into a
  // flag; a ternary, `+bool` or Math.min stays (or becomes) a branch. The price: an infinite x
  // or slope gives NaN here where tfjs gives a number, and training has diverged by then anyway.
  for (let i = 0, c = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const gi = dy[i] as number;
    const positive = ((xi > 0) as unknown as number) | 0;
    const slope = alpha[c] as number;
    dx[i] = gi * (slope + (1 - slope) * positive);
    sums[c] = (sums[c] as number) + gi * (xi - xi * positive);
    if (++c === channels) c = 0;
  }
  dAlpha.set(sums);
}

/** Inputs x, alpha, dy; outputs [dx (x's shape), dAlpha (alpha's shape)]. */
export const preluGradConfig: tf.KernelConfig = {
  kernelName: PRELU_GRAD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const { x, alpha, dy } = inputs;
    if (x === undefined || alpha === undefined || dy === undefined) {
      throw new Error(`${PRELU_GRAD} needs x, alpha and dy`);
    }
    if (!fusedPreluGradApplies(x, alpha)) throw new Error(`${PRELU_GRAD}: unsupported shapes`);
    const heap = asHeapBackend(backend);
    const dx = heap.makeOutput([...x.shape], 'float32');
    const dAlpha = heap.makeOutput([...alpha.shape], 'float32');
    const [xs, alphas, dys, dxs, dAlphas] = float32Views(heap, [x, alpha, dy, dx, dAlpha]);
    preluGradient(
      xs as Float32Array,
      alphas as Float32Array,
      dys as Float32Array,
      dxs as Float32Array,
      dAlphas as Float32Array,
    );
    return [dx, dAlpha];
  },
};
