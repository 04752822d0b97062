// Owns DepthwiseConv2dNativeBackpropFilter for the wasm backend (the gradient of a depthwise
// convolution w.r.t. its filter): per tap, x as that tap saw it times dy, summed over batch and
// space, with the tap's views made by XNNPACK operations (a pad, or a depthwise convolution).
import * as tf from '@tensorflow/tfjs';
import { pair, runWithTensors, spatialWindow } from './kernel-bridge';
import { meanLeadingAxes } from './leading-axis-reduction';

/**
 * dW[i, j, c, m] = Σ_{b, y, x} xPadded[b, y·sh + i·dh, x·sw + j·dw, c] · dy[b, y, x, c·M + m].
 * wasm's StridedSlice, the obvious way to take each tap's view of x, copies element by element
 * (~100 ns each); its Slice copies its whole input first. Neither is used.
 */
export function depthwiseConv2dBackpropFilterImpl(
  x: tf.Tensor4D, // [batch, H, W, C]
  dy: tf.Tensor4D, // [batch, Ho, Wo, C·M]
  attrs: tf.DepthwiseConv2dNativeBackpropFilterAttrs,
  method: 'auto' | 'grid' | 'patches' = 'auto',
): tf.Tensor4D {
  const [sh, sw] = pair(attrs.strides);
  // The grid's work grows with x, the patches' with dy: with strides, dy is the smaller.
  const chosen = method === 'auto' ? (sh === 1 && sw === 1 ? 'grid' : 'patches') : method;
  return chosen === 'grid' ? byGrid(x, dy, attrs) : byPatches(x, dy, attrs);
}

/**
 * A depthwise convolution of x with a one-hot filter [kh, kw, C, T] (the forward's strides,
 * padding and dilations) gives, in channel c·T + t, what tap t = i·kw + j saw at each output
 * position: the patches [B, Ho, Wo, C, T]. Times dy [B, Ho, Wo, C, M] and summed over B, Ho, Wo.
 */
function byPatches(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  attrs: tf.DepthwiseConv2dNativeBackpropFilterAttrs,
): tf.Tensor4D {
  const [kh, kw, channels, multiplier] = attrs.filterShape;
  const taps = kh * kw;
  // eye(T) as [kh, kw, 1, T], broadcast over the channels: [kh, kw, C, T].
  const oneHot = tf.add(
    tf.reshape(tf.eye(taps), [kh, kw, 1, taps]),
    tf.zeros([1, 1, channels, 1]),
  ) as tf.Tensor4D;
  const patches = tf.depthwiseConv2d(
    x,
    oneHot,
    attrs.strides,
    attrs.pad,
    'NHWC',
    pair(attrs.dilations),
    attrs.dimRoundingMode,
  ); // [B, Ho, Wo, C·T]
  const [batch, outHeight, outWidth] = dy.shape;
  const products = tf.mul(
    tf.reshape(patches, [batch, outHeight, outWidth, channels, 1, taps]),
    tf.reshape(dy, [batch, outHeight, outWidth, channels, multiplier, 1]),
  ); // [B, Ho, Wo, C, M, T]
  const sums = tf.mul(meanLeadingAxes(products, 3, false), batch * outHeight * outWidth); // [C, M, T]
  return tf.reshape(tf.transpose(sums, [2, 0, 1]), [kh, kw, channels, multiplier]);
}

/**
 * Stride 1: x padded to a grid [B, rows, cols, C] and dy laid on the same grid (zeros around)
 * are flattened to [L, C]. Tap (i, j) then pairs grid index v of x with v − (i·dh·cols + j·dw)
 * of dy, inside one image: a shift along the flat axis, made by padding dy in front (XNNPACK),
 * then a product and a column sum (average pooling). About 1.5 ns per grid element and tap.
 */
function byGrid(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  attrs: tf.DepthwiseConv2dNativeBackpropFilterAttrs,
): tf.Tensor4D {
  const [kh, kw, channels, multiplier] = attrs.filterShape;
  const [dh, dw] = pair(attrs.dilations);
  if (pair(attrs.strides).some((s) => s !== 1)) throw new Error('the grid method needs stride 1');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    attrs.filterShape,
    1,
    [dh, dw],
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const { batchSize, inHeight, inWidth, outHeight, outWidth, padInfo } = info;
  const rows = Math.max(padInfo.top + inHeight, outHeight + (kh - 1) * dh);
  const cols = Math.max(padInfo.left + inWidth, outWidth + (kw - 1) * dw);
  const length = batchSize * rows * cols;
  const maxShift = (kh - 1) * dh * cols + (kw - 1) * dw;
  const grid = spatialWindow(x, padInfo.top, padInfo.left, rows, cols); // [B, rows, cols, C]
  const xFlat = tf.pad(tf.reshape(grid, [length, channels, 1]), [
    [0, maxShift],
    [0, 0],
    [0, 0],
  ]); // [L + maxShift, C, 1]
  const dyGrid = spatialWindow(dy, 0, 0, rows, cols); // [B, rows, cols, C·M]
  const dyFlat = tf.reshape(dyGrid, [length, channels, multiplier]);
  const sums: tf.Tensor[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const shift = i * dh * cols + j * dw;
      const shifted = tf.pad(dyFlat, [
        [shift, maxShift - shift],
        [0, 0],
        [0, 0],
      ]); // [L + maxShift, C, M]
      const products = tf.mul(xFlat, shifted);
      sums.push(meanLeadingAxes(products, 1, false)); // [C, M], as a mean
    }
  }
  const total = tf.mul(tf.stack(sums), length + maxShift); // [T, C, M]
  return tf.reshape(total, [kh, kw, channels, multiplier]);
}

export const depthwiseConv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as unknown as tf.DepthwiseConv2dNativeBackpropFilterInputs;
    if (x === undefined || dy === undefined) {
      throw new Error('DepthwiseConv2dNativeBackpropFilter needs x and dy');
    }
    return runWithTensors(backend, { x, dy }, (t) =>
      depthwiseConv2dBackpropFilterImpl(
        t.x as tf.Tensor4D,
        t.dy as tf.Tensor4D,
        attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs,
      ),
    );
  },
};
