// Owns DepthwiseConv2dNativeBackpropInput for the wasm backend (the gradient of a depthwise
// convolution w.r.t. its input), rewritten as a depthwise convolution XNNPACK runs.
import * as tf from '@tensorflow/tfjs';
import { pair, runWithTensors, spatialWindow } from './kernel-bridge';

/**
 * dx[b, h, w, c] = Σ_{i, j, m} dy[b, y, x, c·M + m] · f[i, j, c, m], h = y·sh + i·dh − top.
 *
 * That is a correlation of dy, upsampled with sh − 1 zeros between rows (sw − 1 between
 * columns), with the spatially reversed filter at dilation (dh, dw): a stride-1 depthwise
 * convolution over C·M channels whose M outputs per input channel are then summed.
 */
export function depthwiseConv2dBackpropInputImpl(
  dy: tf.Tensor4D, // [batch, Ho, Wo, C·M]
  filter: tf.Tensor4D, // [kh, kw, C, M]
  attrs: tf.DepthwiseConv2dNativeBackpropInputAttrs,
): tf.Tensor4D {
  const dilations = pair(attrs.dilations);
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape,
    attrs.strides,
    dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const { batchSize, inHeight, inWidth, inChannels, padInfo } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const multiplier = filter.shape[3];
  const channels = inChannels * multiplier;

  const upsampled = zeroUpsample(dy, sh, sw); // [B, Ho·sh, Wo·sw, C·M]
  // Row h of dx reads upsampled rows h + top − (kh−1)·dh … h + top: pad (kh−1)·dh − top above.
  const rows = inHeight + (kh - 1) * dh;
  const cols = inWidth + (kw - 1) * dw;
  const padded = spatialWindow(
    upsampled,
    (kh - 1) * dh - padInfo.top,
    (kw - 1) * dw - padInfo.left,
    rows,
    cols,
  ); // [B, H + (kh−1)·dh, W + (kw−1)·dw, C·M]
  const reversed = tf.reshape(tf.reverse(filter, [0, 1]), [kh, kw, channels, 1]) as tf.Tensor4D;
  const perOutput = tf.depthwiseConv2d(padded, reversed, 1, 'valid', 'NHWC', [dh, dw]); // [B,H,W,C·M]
  if (multiplier === 1) return perOutput;
  const split = tf.reshape(perOutput, [batchSize, inHeight, inWidth, inChannels, multiplier]);
  return tf.sum(split, 4); // [B, H, W, C]
}

/**
 * [B, H, W, C] → [B, H·sh, W·sw, C] with the values at multiples of the stride and zeros
 * between and after: the trailing zeros are read as padding (a crop would copy element-wise).
 */
function zeroUpsample(x: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return x;
  const [batch, height, width, channels] = x.shape;
  const spread = tf.pad(tf.reshape(x, [batch, height, 1, width, 1, channels]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]); // [B, H, sh, W, sw, C]
  return tf.reshape(spread, [batch, height * sh, width * sw, channels]);
}

export const depthwiseConv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as unknown as tf.DepthwiseConv2dNativeBackpropInputInputs;
    if (dy === undefined || filter === undefined) {
      throw new Error('DepthwiseConv2dNativeBackpropInput needs dy and filter');
    }
    return runWithTensors(backend, { dy, filter }, (t) =>
      depthwiseConv2dBackpropInputImpl(
        t.dy as tf.Tensor4D,
        t.filter as tf.Tensor4D,
        attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs,
      ),
    );
  },
};
