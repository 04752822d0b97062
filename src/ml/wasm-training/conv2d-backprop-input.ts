// Owns a fast Conv2DBackpropInput for the wasm backend (the gradient of conv2d w.r.t. its
// input): the wasm backend ships one, but as a scalar C loop about ten times slower than its
// XNNPACK convolutions; this one runs on XNNPACK, by whichever of three formulations (phases,
// GEMM + col2im, filter as image) is estimated to copy least for the layer's shape.
import * as tf from '@tensorflow/tfjs';
import { backpropInputByFilterImage } from './backprop-input-filter-image';
import { backpropInputByGemm } from './backprop-input-gemm';
import { backpropInputByPhases } from './backprop-input-phases';
import { runWithTensors } from './kernel-bridge';

export type BackpropInputMethod = 'auto' | 'phases' | 'gemm' | 'filterImage';

export function conv2dBackpropInputImpl(
  dy: tf.Tensor4D, // [batch, Ho, Wo, Co]
  filter: tf.Tensor4D, // [kh, kw, Ci, Co]
  attrs: tf.Conv2DBackpropInputAttrs,
  method: BackpropInputMethod = 'auto',
): tf.Tensor4D {
  if (attrs.dataFormat === 'NCHW') {
    throw new Error(`wasm Conv2DBackpropInput supports dataFormat 'NHWC' only (got 'NCHW')`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const chosen = method === 'auto' ? cheaperMethod(info) : method;
  switch (chosen) {
    case 'phases':
      return backpropInputByPhases(dy, filter, info);
    case 'gemm':
      return backpropInputByGemm(dy, filter, info);
    case 'filterImage':
      return backpropInputByFilterImage(dy, filter, info);
  }
}

/**
 * Estimated ns of each method: multiply-adds at ~30 GFLOP/s (XNNPACK, one thread) plus what each
 * copies, with per-element costs measured on ResNet-18's layers at 64×64, batch 32 (wasm,
 * Node): a fresh filter costs ~45 ns per element to re-make and pack, a packed dy ~25, a
 * reversed one ~35 more; Unpack and Slice copy their whole input (~1 ns per element).
 * Phases win where filters are small (stem, early stages), the filter image where the
 * resolution is below the kernel size (last stage), the GEMM in between.
 */
function cheaperMethod(info: tf.backend_util.Conv2DInfo): Exclude<BackpropInputMethod, 'auto'> {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co, batchSize } = info;
  const { inHeight, inWidth, outHeight, outWidth, strideHeight: sh, strideWidth: sw } = info;
  const taps = kh * kw;
  const pixels = batchSize * outHeight * outWidth;
  const flopsPerNs = 30;
  const dySize = pixels * co;
  const gridSize = batchSize * ci * (outHeight * sh + kh - 1) * (outWidth * sw + kw - 1);
  const imageSize = ci * co * (inHeight + sh * (outHeight - 1)) * (inWidth + sw * (outWidth - 1));
  const flops = 2 * pixels * taps * ci * co;
  const costs: Record<Exclude<BackpropInputMethod, 'auto'>, number> = {
    phases: flops / flopsPerNs + 45 * taps * ci * co,
    gemm: flops / flopsPerNs + 25 * dySize + 2 * taps * taps * ci * pixels + 17.6 * gridSize,
    filterImage:
      (2 * ci * inHeight * inWidth * pixels * co) / flopsPerNs +
      60 * dySize +
      imageSize +
      3 * batchSize * inHeight * inWidth * ci,
  };
  const order = ['phases', 'gemm', 'filterImage'] as const;
  return order.reduce((best, m) => (costs[m] < costs[best] ? m : best), order[0]);
}

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as unknown as tf.Conv2DBackpropInputInputs;
    if (dy === undefined || filter === undefined) {
      throw new Error('Conv2DBackpropInput needs dy and filter');
    }
    return runWithTensors(backend, { dy, filter }, (t) =>
      conv2dBackpropInputImpl(
        t.dy as tf.Tensor4D,
        t.filter as tf.Tensor4D,
        attrs as unknown as tf.Conv2DBackpropInputAttrs,
      ),
    );
  },
};
