// Checks the pixel batching: ranges cover a set once in order, a range and the same rows given
// one by one make the same batch, gathered rows come in the order asked, labels follow the rows.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { batchRanges, labelBatch, pixelBatch } from './pixel-batch';

const SIZE = 2;
const FRAME = SIZE * SIZE * 3;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Five images whose every byte is its row's number times ten. */
function fiveImages(): Uint8Array {
  const pixels = new Uint8Array(5 * FRAME);
  for (let row = 0; row < 5; row++) pixels.fill(row * 10, row * FRAME, (row + 1) * FRAME);
  return pixels;
}

/** The row each image of a batch came from, read from its first byte. */
async function rowsOf(batch: tf.Tensor4D): Promise<number[]> {
  const values = await batch.data();
  batch.dispose();
  return [...Array(values.length / FRAME).keys()].map((k) => (values[k * FRAME] as number) / 10);
}

test('batch ranges cover every row once, in order, the last one shorter', () => {
  expect(batchRanges(5, 2)).toEqual([
    { start: 0, count: 2 },
    { start: 2, count: 2 },
    { start: 4, count: 1 },
  ]);
  expect(batchRanges(0, 4)).toEqual([]);
});

test('a range and gathered rows give int32 batches [rows, S, S, 3] of those images', async () => {
  const pixels = fiveImages();
  const range = pixelBatch(pixels, SIZE, { start: 2, count: 3 });
  expect(range.shape).toEqual([3, SIZE, SIZE, 3]);
  expect(range.dtype).toBe('int32');
  expect(await rowsOf(range)).toEqual([2, 3, 4]);
  expect(await rowsOf(pixelBatch(pixels, SIZE, [4, 0, 3]))).toEqual([4, 0, 3]);
});

test('labels follow the same rows', async () => {
  const labels = Int32Array.from([7, 8, 9, 10, 11]);
  const range = labelBatch(labels, { start: 1, count: 2 });
  const gathered = labelBatch(labels, [4, 0]);
  expect(range.dtype).toBe('int32');
  expect(Array.from(await range.data())).toEqual([8, 9]);
  expect(Array.from(await gathered.data())).toEqual([11, 7]);
  tf.dispose([range, gathered]);
});
