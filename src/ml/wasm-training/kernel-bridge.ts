// Owns the bridge that lets a kernel be written with public tf ops: it wraps the kernel's input
// TensorInfos as Tensors, runs the body in a tidy on the active (wasm) backend, and hands the
// engine the result. The ops inside dispatch to the wasm backend's XNNPACK/SIMD kernels.
import * as tf from '@tensorflow/tfjs';

/**
 * Runs `body` on Tensor views of `inputs` and returns its result as the kernel's output.
 *
 * The views share the inputs' data: each takes a backend reference (incRef) that the tidy gives
 * back, so the caller's tensors survive. The result is returned as a Tensor; the engine adopts a
 * returned Tensor as the output as is (a bare TensorInfo would be wrapped a second time and leak).
 * Ops run inside a kernel are not recorded on the gradient tape (the engine's kernel depth is > 0).
 */
export function runWithTensors<K extends string>(
  kernelBackend: unknown, // a KernelFunc's `backend`, typed {} by tfjs
  inputs: Record<K, tf.TensorInfo>,
  body: (tensors: Record<K, tf.Tensor>) => tf.Tensor,
): tf.TensorInfo {
  const backend = kernelBackend as tf.KernelBackend;
  return tf.tidy(() => {
    const tensors = {} as Record<K, tf.Tensor>;
    for (const name of Object.keys(inputs) as K[]) {
      const info = inputs[name];
      backend.incRef(info.dataId);
      tensors[name] = tf.engine().makeTensorFromTensorInfo(info, backend);
    }
    return body(tensors);
  });
}

/** A kernel attribute `[h, w] | n` as a pair. */
export function pair(
  value: number | readonly number[] | undefined,
  fallback = 1,
): [number, number] {
  if (value === undefined) return [fallback, fallback];
  if (typeof value === 'number') return [value, value];
  return [value[0] ?? fallback, value[1] ?? value[0] ?? fallback];
}

/**
 * x [batch, H, W, C] seen through a window that starts `top` rows above and `left` columns left
 * of it and is exactly `rows` × `cols`: zeros outside x, and x cropped where the window starts
 * inside it (negative top/left) or ends inside it (rows a convolution's last output never reads).
 */
export function spatialWindow(
  x: tf.Tensor4D,
  top: number,
  left: number,
  rows: number,
  cols: number,
): tf.Tensor4D {
  const [, height, width] = x.shape;
  const firstRow = Math.max(0, -top);
  const firstCol = Math.max(0, -left);
  const keepRows = Math.max(0, Math.min(height, rows - top) - firstRow);
  const keepCols = Math.max(0, Math.min(width, cols - left) - firstCol);
  const cropped =
    firstRow > 0 || firstCol > 0 || keepRows < height || keepCols < width
      ? tf.slice(x, [0, firstRow, firstCol, 0], [-1, keepRows, keepCols, -1])
      : x;
  const before = Math.max(0, top);
  const after = rows - before - keepRows;
  const leftPad = Math.max(0, left);
  const rightPad = cols - leftPad - keepCols;
  if (before === 0 && leftPad === 0 && after === 0 && rightPad === 0) return cropped;
  return tf.pad(cropped, [
    [0, 0],
    [before, after],
    [leftPad, rightPad],
    [0, 0],
  ]);
}

/**
 * The transpose of a matrix [R, C]. wasm's 2-D transpose of a tall matrix writes with a stride
 * of R and runs ~10× slower (~2–5 ns per element at R = 8192) than its 3-D transpose of the
 * same data seen as [R / k, k, C] → [C, R / k, k], which is used when R has a factor k ≥ 8.
 */
export function transposeMatrix(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  if (rows <= cols) return tf.transpose(x);
  let k = 64;
  while (k >= 8 && rows % k !== 0) k /= 2;
  if (k < 8) return tf.transpose(x);
  const blocked = tf.transpose(tf.reshape(x, [rows / k, k, cols]), [2, 0, 1]); // [C, R/k, k]
  return tf.reshape(blocked, [cols, rows]);
}
