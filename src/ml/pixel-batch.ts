// Owns turning decoded images held as one byte array ([count, size, size, 3] RGB, row-major)
// into tensor batches: the batch ranges that walk a set in order, an image batch of given rows
// (a contiguous range without copying, any rows by gathering), and the matching label batch.
import * as tf from '@tensorflow/tfjs';

/** A contiguous run of rows, or any rows in the order given. */
export type Rows = { start: number; count: number } | readonly number[];

/** The rows of a set of `count` in order, `batchSize` at a time (the last one shorter). */
export function batchRanges(count: number, batchSize: number): { start: number; count: number }[] {
  const ranges: { start: number; count: number }[] = [];
  for (let start = 0; start < count; start += batchSize) {
    ranges.push({ start, count: Math.min(batchSize, count - start) });
  }
  return ranges;
}

function rowCount(rows: Rows): number {
  return 'start' in rows ? rows.count : rows.length;
}

/** Images [rows, size, size, 3], int32 in 0..255, of the given rows of `pixels`; caller-owned. */
export function pixelBatch(pixels: Uint8Array, size: number, rows: Rows): tf.Tensor4D {
  const frame = size * size * 3;
  let values: Uint8Array;
  if ('start' in rows) {
    values = pixels.subarray(rows.start * frame, (rows.start + rows.count) * frame);
  } else {
    values = new Uint8Array(rows.length * frame);
    rows.forEach((row, k) =>
      values.set(pixels.subarray(row * frame, (row + 1) * frame), k * frame),
    );
  }
  return tf.tensor4d(values, [rowCount(rows), size, size, 3], 'int32'); // [batch, S, S, 3]
}

/** Labels [rows], int32, of the given rows of `labels`; caller-owned. */
export function labelBatch(labels: Int32Array, rows: Rows): tf.Tensor1D {
  const values =
    'start' in rows
      ? labels.slice(rows.start, rows.start + rows.count)
      : Int32Array.from(rows, (row) => labels[row] as number);
  return tf.tensor1d(values, 'int32'); // [batch]
}

/** A copy of `count` images ([count, size, size, 3] bytes) mirrored left-right. */
export function mirroredImages(pixels: Uint8Array, count: number, size: number): Uint8Array {
  const out = new Uint8Array(count * size * size * 3);
  for (let row = 0; row < count * size; row++) {
    const start = row * size * 3;
    for (let x = 0; x < size; x++) {
      const from = start + (size - 1 - x) * 3;
      out[start + x * 3] = pixels[from] as number;
      out[start + x * 3 + 1] = pixels[from + 1] as number;
      out[start + x * 3 + 2] = pixels[from + 2] as number;
    }
  }
  return out;
}
