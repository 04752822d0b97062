// Owns the matrix-product formulation of conv2d's input gradient: one GEMM gives every filter
// tap's contribution (columns), which are then added at their shifted places (col2im).
import * as tf from '@tensorflow/tfjs';
import { transposeMatrix } from './kernel-bridge';

/**
 * dx [B, H, W, Ci] for dy [B, Ho, Wo, Co] and filter [kh, kw, Ci, Co]:
 *   cols[(i, j, ci), (b, y, x)] = Σ_co filter[i, j, ci, co] · dy[b, y, x, co]
 *   dx[b, y·sh + i − top, x·sw + j − left, ci] += cols[(i, j, ci), (b, y, x)].
 * The filter is the GEMM's left operand as it is stored (no copy; XNNPACK packs only the right
 * operand, dyᵀ), so this suits layers whose filter is large against their activations (the deep,
 * low-resolution stages). col2im runs channel-first, [Ci·B, rows, cols], with pads and adds.
 */
export function backpropInputByGemm(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  const { batchSize, inHeight, inWidth, inChannels, outChannels, outHeight, outWidth } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const n = batchSize * outHeight * outWidth;
  const dyT = transposeMatrix(tf.reshape(dy, [n, outChannels])); // [Co, N]
  // XNNPACK multiplies only untransposed operands; the filter reshapes to [kh·kw·Ci, Co] freely.
  const cols = tf.matMul(tf.reshape(filter, [kh * kw * inChannels, outChannels]), dyT); // [kh·kw·Ci, N]
  const planes = inChannels * batchSize;
  // Grid rows u = y·sh + i, dx row h = u − top: tall enough for every tap and for dx.
  const rows = Math.max(outHeight * sh + kh - 1, padInfo.top + inHeight);
  const columns = Math.max(outWidth * sw + kw - 1, padInfo.left + inWidth);
  // kh·kw contiguous blocks; each Unpack slice reads all of cols once (costed in cheaperMethod).
  const taps = tf.unstack(tf.reshape(cols, [kh * kw, planes * outHeight * outWidth]));
  let grid: tf.Tensor3D | undefined;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const tap = taps[i * kw + j] as tf.Tensor; // [(ci, b, y, x)]
      // y → y·sh and x → x·sw: zeros between, by padding [P, Ho, 1, Wo, 1] to [P, Ho, sh, Wo, sw].
      const spread =
        sh === 1 && sw === 1
          ? tf.reshape(tap, [planes, outHeight, outWidth])
          : tf.reshape(
              tf.pad(tf.reshape(tap, [planes, outHeight, 1, outWidth, 1]), [
                [0, 0],
                [0, 0],
                [0, sh - 1],
                [0, 0],
                [0, sw - 1],
              ]),
              [planes, outHeight * sh, outWidth * sw],
            );
      const placed = tf.pad(spread, [
        [0, 0],
        [i, rows - i - outHeight * sh],
        [j, columns - j - outWidth * sw],
      ]) as tf.Tensor3D; // [Ci·B, rows, columns]
      grid = grid === undefined ? placed : tf.add(grid, placed);
    }
  }
  if (grid === undefined) throw new Error('a convolution with no filter taps');
  // Channel-last, then crop: a slice copies whole channel rows, fast; channel-first it would not.
  const channelLast = tf.transpose(
    tf.reshape(grid, [inChannels, batchSize, rows, columns]),
    [1, 2, 3, 0],
  ); // [B, rows, columns, Ci]
  return tf.slice(
    channelLast as tf.Tensor4D,
    [0, padInfo.top, padInfo.left, 0],
    [-1, inHeight, inWidth, -1],
  );
}
