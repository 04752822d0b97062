// Owns Conv2DBackpropFilter for the wasm backend (the gradient of conv2d w.r.t. its filter),
// rewritten as one convolution that XNNPACK runs: batch and channels swap roles.
import * as tf from '@tensorflow/tfjs';
import { runWithTensors, spatialWindow, transposeMatrix } from './kernel-bridge';

/**
 * dW[i, j, ci, co] = Σ_{b, y, x} xPadded[b, y·sh + i, x·sw + j, ci] · dy[b, y, x, co].
 *
 * Read with ci as the batch, b as the input channel and dy as a [Ho, Wo, B, Co] filter, that sum
 * is a 'valid' convolution of x [Ci, rows, cols, B] with dilation (sh, sw) and stride 1, whose
 * output [Ci, kh, kw, Co] is dW up to a transpose. XNNPACK runs it as one GEMM with
 * M = Ci·kh·kw, K = Ho·Wo·B, N = Co: the same FLOPs as the forward convolution.
 */
export function conv2dBackpropFilterImpl(
  x: tf.Tensor4D, // [batch, H, W, Ci]
  dy: tf.Tensor4D, // [batch, Ho, Wo, Co]
  attrs: tf.Conv2DBackpropFilterAttrs,
): tf.Tensor4D {
  if (attrs.dataFormat === 'NCHW') {
    throw new Error(`wasm Conv2DBackpropFilter supports dataFormat 'NHWC' only (got 'NCHW')`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { inHeight, inWidth, outHeight, outWidth, padInfo } = info;
  const unpadded = [padInfo.top, padInfo.bottom, padInfo.left, padInfo.right].every((p) => p === 0);
  if (kh === 1 && kw === 1 && unpadded) {
    return pointwiseFilterGradient(x, dy, sh, sw);
  }
  // The last output reads up to row (Ho − 1)·sh + kh − 1 of the padded input. Rows past it are
  // kept (cropping x costs a copy of x) and yield extra output taps, cropped from the small dW.
  const rows = Math.max((outHeight - 1) * sh + kh, padInfo.top + inHeight);
  const cols = Math.max((outWidth - 1) * sw + kw, padInfo.left + inWidth);
  const window = spatialWindow(x, padInfo.top, padInfo.left, rows, cols); // [B, rows, cols, Ci]
  const xAsBatch = tf.transpose(window, [3, 1, 2, 0]); // [Ci, rows, cols, B]
  const dyAsFilter = tf.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, B, Co]
  // A 1-tap axis needs one output; a stride past the extra rows skips the others. tf.conv2d
  // refuses stride and dilation both > 1, XNNPACK does not: hence the kernel, not the op.
  const strides: [number, number] = [kh === 1 ? rows : 1, kw === 1 ? cols : 1];
  const gradient = tf
    .engine()
    .runKernel(
      tf.Conv2D,
      { x: xAsBatch, filter: dyAsFilter },
      { strides, pad: 'valid', dataFormat: 'NHWC', dilations: [sh, sw] },
    ) as tf.Tensor4D; // [Ci, ≥kh, ≥kw, Co]
  const [, gh, gw] = gradient.shape;
  const taps = gh > kh || gw > kw ? tf.slice(gradient, [0, 0, 0, 0], [-1, kh, kw, -1]) : gradient;
  return tf.transpose(taps, [1, 2, 0, 3]); // [kh, kw, Ci, Co]
}

/**
 * An unpadded 1×1 filter's gradient is one matrix product, xᵀ [Ci, N] · dy [N, Co], which
 * XNNPACK runs with dy packed as its right operand. The convolution above would take dy as a
 * filter, which the wasm backend re-lays out in C++ before XNNPACK packs it, for a one-pixel
 * output: measured 3 GFLOP/s against 11–29 for the product at MobileFaceNet's 1×1 layers. x is
 * subsampled for strides > 1 by a 1×1 depthwise convolution with ones (wasm's StridedSlice
 * copies element by element).
 */
function pointwiseFilterGradient(
  x: tf.Tensor4D, // [B, H, W, Ci]
  dy: tf.Tensor4D, // [B, Ho, Wo, Co]
  sh: number,
  sw: number,
): tf.Tensor4D {
  const [batch, outHeight, outWidth, outChannels] = dy.shape;
  const inChannels = x.shape[3];
  const sampled =
    sh === 1 && sw === 1
      ? x
      : tf.depthwiseConv2d(x, tf.ones([1, 1, inChannels, 1]) as tf.Tensor4D, [sh, sw], 'valid');
  const n = batch * outHeight * outWidth;
  const xT = transposeMatrix(tf.reshape(sampled, [n, inChannels])); // [Ci, N]
  const gradient = tf.matMul(xT, tf.reshape(dy, [n, outChannels])); // [Ci, Co]
  return tf.reshape(gradient, [1, 1, inChannels, outChannels]);
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as unknown as tf.Conv2DBackpropFilterInputs;
    if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter needs x and dy');
    return runWithTensors(backend, { x, dy }, (t) =>
      conv2dBackpropFilterImpl(
        t.x as tf.Tensor4D,
        t.dy as tf.Tensor4D,
        attrs as unknown as tf.Conv2DBackpropFilterAttrs,
      ),
    );
  },
};
