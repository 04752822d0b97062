// Owns the "filter as image" formulation of conv2d's input gradient: the filter is convolved
// with dy, so that XNNPACK packs dy (small in the deep stages), never the large filter.
import * as tf from '@tensorflow/tfjs';
import { spatialWindow } from './kernel-bridge';

/**
 * dx [B, H, W, Ci] for dy [B, Ho, Wo, Co] and filter [kh, kw, Ci, Co]. Along one axis,
 *   dx[h] = Σ_y dy[y] · w[h + t − s·y]  (w is 0 outside [0, k)).
 * With y' = Ho − 1 − y and w padded by P = s·(Ho − 1) − t in front, w[h + t − s·y] = wPad[h + s·y']:
 * a 'valid' convolution of the filter, as an image [Ci, kh + pads, kw + pads, Co] (batch Ci,
 * channels Co), by the reversed dy as a filter [Ho, Wo, Co, B] at dilation s. Output [Ci, H, W, B].
 *
 * It multiplies every tap position the filter's padding covers, so it costs H/kh times the
 * direct gradient's multiply-adds (or less, at borders): it suits the deep stages, where H ≤ 4
 * and the filter is large; the copies it makes are of dy and dx, and one fast transpose of w.
 */
export function backpropInputByFilterImage(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  const { inHeight, inWidth, outHeight, outWidth, padInfo } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = sh * (outHeight - 1) - padInfo.top;
  const left = sw * (outWidth - 1) - padInfo.left;
  // Enough padded rows for H outputs, and at least the filter (extra outputs are cropped).
  const rows = Math.max(inHeight + sh * (outHeight - 1), top + kh);
  const cols = Math.max(inWidth + sw * (outWidth - 1), left + kw);
  const image = spatialWindow(tf.transpose(filter, [2, 0, 1, 3]), top, left, rows, cols); // [Ci, rows, cols, Co]
  const kernel = tf.transpose(tf.reverse(dy, [1, 2]), [1, 2, 3, 0]); // [Ho, Wo, Co, B]
  const out = tf.conv2d(image, kernel, 1, 'valid', 'NHWC', [sh, sw]); // [Ci, ≥H, ≥W, B]
  const dx = tf.transpose(out, [3, 1, 2, 0]); // [B, ≥H, ≥W, Ci]
  if (dx.shape[1] === inHeight && dx.shape[2] === inWidth) return dx;
  return tf.slice(dx, [0, 0, 0, 0], [-1, inHeight, inWidth, -1]);
}
