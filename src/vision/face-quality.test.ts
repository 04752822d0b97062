// The frame quality checks on real faces: a sharp LFW face crop passes, the same crop blurred or
// darkened fails for that reason, and face count and size are judged as documented.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { decodeBaselineJpeg } from '../ml/pretrained/test-utils/baseline-jpeg';
import { SHARED_ROOT } from '../ml/test-utils/orl-faces';
import { report } from '../ml/test-utils/report';
import { assessFrame, laplacianVariance, QUALITY_LIMITS } from './face-quality';

const LFW = join(SHARED_ROOT, 'datasets/dev-lfw10to19/images');
const PEOPLE = [
  'Ann_Veneman/Ann_Veneman_0001.jpg',
  'Adrien_Brody/Adrien_Brody_0002.jpg',
  'Andy_Roddick/Andy_Roddick_0003.jpg',
];

/** The central 128×128 of an LFW photo (where its face is), as grey levels. */
function greyCrop(file: string, blur = 0, gain = 1): Float32Array {
  const image = decodeBaselineJpeg(new Uint8Array(readFileSync(join(LFW, file))));
  return tf.tidy(() => {
    let rgb = tf.tensor3d(image.rgb, [image.height, image.width, 3], 'float32');
    rgb = tf.slice(rgb, [61, 61, 0], [128, 128, 3]);
    let grey = tf
      .sum(tf.mul(rgb, tf.tensor1d([0.299, 0.587, 0.114])), 2)
      .expandDims(0)
      .expandDims(3) as tf.Tensor4D; // [1, 128, 128, 1]
    for (let i = 0; i < blur; i++) grey = tf.avgPool(grey, 3, 1, 'same');
    return tf.mul(grey, gain).dataSync() as Float32Array;
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!existsSync(LFW))('frame quality on real faces', () => {
  test('sharp faces pass; blurred ones are called blurry, darkened ones too dark', () => {
    for (const file of PEOPLE) {
      const sharp = assessFrame(1, 40, greyCrop(file), 128);
      const blurred = assessFrame(1, 40, greyCrop(file, 2), 128);
      const dark = assessFrame(1, 40, greyCrop(file, 0, 0.3), 128);
      report(
        `${file}: sharpness ${sharp.sharpness.toFixed(0)}, blurred ${blurred.sharpness.toFixed(0)}, brightness ${sharp.brightness.toFixed(0)}, dark ${dark.brightness.toFixed(0)}`,
      );
      expect(sharp.issues).toEqual([]);
      expect(blurred.issues).toContain('blurry');
      expect(dark.issues).toContain('too-dark');
    }
  });
});

describe('frame quality rules', () => {
  const flat = new Float32Array(128 * 128).fill(120);
  test('no face, several faces and a small face are named', () => {
    expect(assessFrame(0, 0, flat, 128).issues).toEqual(['no-face']);
    expect(assessFrame(2, 40, flat, 128).issues).toContain('several-faces');
    expect(assessFrame(1, QUALITY_LIMITS.minEyeDistance - 1, flat, 128).issues).toContain(
      'too-small',
    );
  });
  test('the Laplacian of a flat image is 0 and of a checkerboard large', () => {
    expect(laplacianVariance(flat, 128, 128)).toBe(0);
    const board = Float32Array.from({ length: 64 * 64 }, (_, i) =>
      ((i % 64) + Math.floor(i / 64)) % 2 === 0 ? 0 : 255,
    );
    expect(laplacianVariance(board, 64, 64)).toBeGreaterThan(1e5);
  });
});
