// Checks augmentation: deterministic from its seed, within [-1, 1], each transform doing what it
// says, and normalisation mapping [0, 255] to [-1, 1].
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { augmentBatch, drawAugmentations, normalize, resizeToInput } from './augment';
import type { AugmentConfig } from './config';
import { seededRandom } from '../lib/seeded-random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const FULL: AugmentConfig = { flip: true, brightness: 0.2, contrast: 0.2 };
const NONE: AugmentConfig = { flip: false, brightness: 0, contrast: 0 };

/** A batch with a left-right gradient, so a flip is visible: [4, 6, 8, 3] in [0, 255]. */
function gradientBatch(): tf.Tensor4D {
  return tf.tidy(() => {
    const ramp = tf.linspace(0, 255, 8).reshape([1, 1, 8, 1]); // [1, 1, 8, 1]
    return tf.tile(ramp, [4, 6, 1, 3]) as tf.Tensor4D; // [4, 6, 8, 3]
  });
}

describe('normalize', () => {
  test('maps 0, 127.5 and 255 to -1, 0 and 1', async () => {
    const out = normalize(tf.tensor4d([0, 127.5, 255], [1, 1, 3, 1]));
    expect(Array.from(await out.data())).toEqual([-1, 0, 1]);
  });
});

describe('augmentBatch', () => {
  test('is deterministic for a seed and differs across seeds', async () => {
    const images = gradientBatch();
    const a = await augmentBatch(images, FULL, seededRandom(3)).data();
    const b = await augmentBatch(images, FULL, seededRandom(3)).data();
    const c = await augmentBatch(images, FULL, seededRandom(4)).data();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  test('stays within [-1, 1] even on saturated images (uint8-like int32 input)', async () => {
    const images = tf.randomUniform([8, 5, 5, 3], 0, 256, 'int32') as tf.Tensor4D;
    for (let seed = 0; seed < 5; seed++) {
      const out = augmentBatch(
        images,
        { flip: true, brightness: 0.9, contrast: 0.9 },
        seededRandom(seed),
      );
      expect(out.dtype).toBe('float32');
      expect(out.shape).toEqual([8, 5, 5, 3]);
      expect((await out.min().data())[0]).toBeGreaterThanOrEqual(-1);
      expect((await out.max().data())[0]).toBeLessThanOrEqual(1);
    }
  });

  test('with everything off it is plain normalisation', async () => {
    const images = gradientBatch();
    const out = await augmentBatch(images, NONE, seededRandom(1)).data();
    expect(Array.from(out)).toEqual(Array.from(await normalize(images).data()));
  });

  test('flips exactly the images whose draw says so, and mirrors them', async () => {
    const images = gradientBatch();
    const draws = drawAugmentations(4, { ...NONE, flip: true }, seededRandom(11));
    const flipped = augmentBatch(images, { ...NONE, flip: true }, seededRandom(11));
    const plain = normalize(images);
    const mirrored = tf.reverse(plain, 2);
    expect(new Set(draws.flip)).toEqual(new Set([0, 1])); // this seed draws both outcomes
    for (let i = 0; i < 4; i++) {
      const expected = draws.flip[i] === 1 ? mirrored : plain;
      const got = await flipped.slice([i], [1]).data();
      expect(Array.from(got)).toEqual(Array.from(await expected.slice([i], [1]).data()));
    }
  });

  test('brightness and contrast factors stay in 1 ± 0.2', () => {
    const draws = drawAugmentations(1000, FULL, seededRandom(5));
    for (const factors of [draws.brightness, draws.contrast]) {
      expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.8);
      expect(Math.max(...factors)).toBeLessThanOrEqual(1.2);
      expect(Math.max(...factors) - Math.min(...factors)).toBeGreaterThan(0.35);
    }
  });

  test('brightness scales a mid-grey image by its factor', async () => {
    const grey = tf.fill([2, 2, 2, 3], 100) as tf.Tensor4D;
    const options = { ...NONE, brightness: 0.2 };
    const draws = drawAugmentations(2, options, seededRandom(9));
    const out = await augmentBatch(grey, options, seededRandom(9)).data();
    const expected = ((draws.brightness[0] as number) * 100) / 127.5 - 1;
    expect(out[0]).toBeCloseTo(expected, 5);
  });

  test('contrast keeps a uniform image unchanged (it blends with the grey mean)', async () => {
    const grey = tf.fill([2, 3, 3, 3], 80) as tf.Tensor4D;
    const out = augmentBatch(grey, { ...NONE, contrast: 0.2 }, seededRandom(2));
    const diff = await tf.max(tf.abs(tf.sub(out, normalize(grey)))).data();
    expect(diff[0]).toBeLessThan(1e-5);
  });

  test('frees every intermediate', () => {
    const images = gradientBatch();
    const before = tf.memory().numTensors;
    augmentBatch(images, FULL, seededRandom(1)).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('resizeToInput', () => {
  test('resizes to size×size as float32 and passes through matching sizes', () => {
    const images = tf.zeros([2, 112, 92, 3], 'int32') as tf.Tensor4D;
    expect(resizeToInput(images, 32).shape).toEqual([2, 32, 32, 3]);
    const same = resizeToInput(tf.zeros([1, 32, 32, 3]) as tf.Tensor4D, 32);
    expect(same.shape).toEqual([1, 32, 32, 3]);
    expect(same.dtype).toBe('float32');
  });
});
