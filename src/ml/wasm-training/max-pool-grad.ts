// Owns MaxPoolGrad for the wasm backend, in JavaScript over the heap: each output's window is
// searched once for its first maximum and dy added there. The built-in (C++) tests every input
// against every window that holds it, on one thread: 55–78 ms for ResNet-18's stem pool at
// 64×64, batch 32, a step's third costliest kernel after the convolutions.
import * as tf from '@tensorflow/tfjs';
import { asHeapBackend, float32Views } from './wasm-heap';

type PoolInfo = Pick<
  tf.backend_util.Conv2DInfo,
  | 'batchSize'
  | 'inHeight'
  | 'inWidth'
  | 'inChannels'
  | 'outHeight'
  | 'outWidth'
  | 'strideHeight'
  | 'strideWidth'
  | 'dilationHeight'
  | 'dilationWidth'
  | 'effectiveFilterHeight'
  | 'effectiveFilterWidth'
  | 'padInfo'
>;

/**
 * dx [B, H, W, C] of a max pool: for each output and channel, the first (row-major) largest
 * input of its window gets dy; ties and all-−∞ windows as tfjs's cpu backend (the first
 * strictly larger value wins; a window of −∞ passes nothing).
 */
export function maxPoolGradient(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  info: PoolInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const { effectiveFilterHeight, effectiveFilterWidth, padInfo } = info;
  const best = new Float32Array(channels);
  const at = new Int32Array(channels);
  dx.fill(0);
  let out = 0; // offset of output (b, yo, xo, 0) in dy
  for (let b = 0; b < batchSize; b++) {
    const image = b * inHeight * inWidth * channels;
    for (let yo = 0; yo < outHeight; yo++) {
      const top = yo * strideHeight - padInfo.top;
      for (let xo = 0; xo < outWidth; xo++, out += channels) {
        const left = xo * strideWidth - padInfo.left;
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let r = top; r < top + effectiveFilterHeight; r += dilationHeight) {
          if (r < 0 || r >= inHeight) continue;
          for (let c = left; c < left + effectiveFilterWidth; c += dilationWidth) {
            if (c < 0 || c >= inWidth) continue;
            const pixel = image + (r * inWidth + c) * channels;
            for (let k = 0; k < channels; k++) {
              const value = x[pixel + k] as number;
              if (value > (best[k] as number)) {
                best[k] = value;
                at[k] = pixel + k;
              }
            }
          }
        }
        for (let k = 0; k < channels; k++) {
          const position = at[k] as number;
          if (position >= 0) dx[position] = (dx[position] as number) + (dy[out + k] as number);
        }
      }
    }
  }
}

export function maxPoolGradConfig(builtIn: tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: tf.MaxPoolGrad,
    backendName: 'wasm',
    setupFunc: builtIn?.setupFunc,
    kernelFunc: (args) => {
      const { dy, input } = args.inputs as unknown as tf.MaxPoolGradInputs;
      if (dy === undefined || input === undefined) throw new Error('MaxPoolGrad needs dy, input');
      if (input.dtype !== 'float32' && builtIn !== undefined) return builtIn.kernelFunc(args);
      const { filterSize, strides, pad, dimRoundingMode } =
        args.attrs as unknown as tf.MaxPoolGradAttrs;
      const info = tf.backend_util.computePool2DInfo(
        input.shape as [number, number, number, number],
        filterSize,
        strides,
        1,
        pad,
        dimRoundingMode,
      );
      const heap = asHeapBackend(args.backend);
      const dx = heap.makeOutput([...input.shape], 'float32');
      const [x, dyValues, dxValues] = float32Views(heap, [input, dy, dx]);
      maxPoolGradient(x as Float32Array, dyValues as Float32Array, dxValues as Float32Array, info);
      return dx;
    },
  };
}
