// Checks the test-only JPEG decoder against ImageMagick's decoding of one LFW image (per-channel
// means measured with `convert <file> rgb:-`), and that it refuses what it cannot decode.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeBaselineJpeg } from './baseline-jpeg';
import { lfwAvailable, lfwImagePath } from './lfw-faces';

/** ImageMagick 6 (libjpeg, fancy upsampling) on Adrien_Brody_0001.jpg: mean R, G, B. */
const IMAGEMAGICK_MEANS = [55.51, 44.01, 37.97];

describe.skipIf(!lfwAvailable())('baseline JPEG decoder', () => {
  test('decodes an LFW image as libjpeg does, to within chroma-upsampling rounding', () => {
    const bytes = new Uint8Array(readFileSync(lfwImagePath('Adrien_Brody', 1)));
    const { width, height, rgb } = decodeBaselineJpeg(bytes);
    expect([width, height]).toEqual([250, 250]);
    const sums = [0, 0, 0];
    rgb.forEach((v, i) => {
      sums[i % 3] = (sums[i % 3] ?? 0) + v;
    });
    sums.forEach((sum, c) => {
      expect(Math.abs(sum / (width * height) - (IMAGEMAGICK_MEANS[c] ?? NaN))).toBeLessThan(0.1);
    });
  });

  test('refuses bytes that are not a JPEG, and a truncated scan', () => {
    expect(() => decodeBaselineJpeg(new Uint8Array([1, 2, 3]))).toThrow(/not a JPEG/);
    const bytes = new Uint8Array(readFileSync(lfwImagePath('Adrien_Brody', 1)));
    expect(() => decodeBaselineJpeg(bytes.subarray(0, bytes.length / 2))).toThrow(/JPEG/);
  });
});
