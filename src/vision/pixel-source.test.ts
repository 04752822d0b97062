// The detector's tensor pixel source: a square is the image's pixels there, resampled, and grey
// where it leaves the image; `asPixelSource` wraps a tensor and passes a source through.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { asPixelSource, OUTSIDE_GREY, tensorPixels } from './pixel-source';

/** A 4×6 image whose red is the column, green the row and blue 200. */
function gradient(): tf.Tensor3D {
  const values: number[] = [];
  for (let y = 0; y < 4; y++) for (let x = 0; x < 6; x++) values.push(x * 10, y * 10, 200);
  return tf.tensor3d(values, [4, 6, 3], 'int32');
}

describe('tensorPixels', () => {
  test('reads a square of the image at its own scale', async () => {
    const source = tensorPixels(gradient());
    expect([source.width, source.height]).toEqual([6, 4]);
    // Columns 2..3 and rows 1..2, one output pixel an image pixel.
    const square = source.square(2, 1, 2, 2);
    expect(square.shape).toEqual([2, 2, 3]);
    expect(Array.from(await square.data(), Math.round)).toEqual([
      20, 10, 200, 30, 10, 200, 20, 20, 200, 30, 20, 200,
    ]);
    // The same four pixels read as one: their mean, as a canvas shrinks them.
    expect(Array.from(await source.square(2, 1, 2, 1).data(), Math.round)).toEqual([25, 15, 200]);
  });

  test('is grey where the square leaves the image', async () => {
    const square = tensorPixels(gradient()).square(-10, -10, 5, 3);
    expect(new Set(await square.data())).toEqual(new Set([OUTSIDE_GREY]));
  });

  test('wraps a tensor, and passes a source through', () => {
    const source = tensorPixels(gradient());
    expect(asPixelSource(gradient()).width).toBe(6);
    expect(asPixelSource(source)).toBe(source);
  });
});
