// Owns the image preparation on the backend: resizing to the network's input, training-time
// augmentation (flip, brightness, contrast) from a seeded source, and scaling to [-1, 1].
import * as tf from '@tensorflow/tfjs';
import type { AugmentConfig } from './config';
import type { RandomSource } from '../lib/seeded-random';

/** ITU-R BT.601 luma weights, as torchvision's rgb_to_grayscale used by ColorJitter's contrast. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** Bilinear resize to size×size when the batch is not already that size; always float32. */
export function resizeToInput(images: tf.Tensor4D, size: number): tf.Tensor4D {
  return tf.tidy(() => {
    const floats = tf.cast(images, 'float32') as tf.Tensor4D; // [batch, H, W, 3]
    const [, height, width] = images.shape;
    if (height === size && width === size) return floats;
    return tf.image.resizeBilinear(floats, [size, size], true); // [batch, size, size, 3]
  });
}

/** [0, 255] → [-1, 1]: (x / 255 − 0.5) / 0.5, the seed's Normalize(mean 0.5, std 0.5). */
export function normalize(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.sub(tf.div(tf.cast(images, 'float32'), 127.5), 1) as tf.Tensor4D);
}

/** The per-image draws of one batch, exposed so tests can check what the source decided. */
export interface AugmentDraws {
  flip: Float32Array; // 1 = mirror this image
  brightness: Float32Array; // multiplicative factor
  contrast: Float32Array; // blend factor with the grey mean
}

/**
 * Draws three numbers per image, always in the same order whatever the options, so that turning
 * one augmentation off does not change what the others draw.
 */
export function drawAugmentations(
  batchSize: number,
  options: AugmentConfig,
  random: RandomSource,
): AugmentDraws {
  const draws: AugmentDraws = {
    flip: new Float32Array(batchSize),
    brightness: new Float32Array(batchSize),
    contrast: new Float32Array(batchSize),
  };
  for (let i = 0; i < batchSize; i++) {
    const flip = random();
    const brightness = random();
    const contrast = random();
    draws.flip[i] = options.flip && flip < 0.5 ? 1 : 0;
    draws.brightness[i] = 1 + options.brightness * (2 * brightness - 1);
    draws.contrast[i] = 1 + options.contrast * (2 * contrast - 1);
  }
  return draws;
}

/**
 * Training-time augmentation of a batch in [0, 255] (any numeric dtype) [batch, H, W, 3]:
 * per image a horizontal flip, then brightness (x·b), then contrast (c·x + (1 − c)·grey mean),
 * each clipped to [0, 255] as on 8-bit images; returns float32 in [-1, 1].
 * All arithmetic is elementwise with per-image factors [batch, 1, 1, 1], so it runs on any backend.
 */
export function augmentBatch(
  images: tf.Tensor4D,
  options: AugmentConfig,
  random: RandomSource,
): tf.Tensor4D {
  const batchSize = images.shape[0];
  const draws = drawAugmentations(batchSize, options, random);
  return tf.tidy(() => {
    let x = tf.cast(images, 'float32') as tf.Tensor4D; // [batch, H, W, 3]
    const perImage = (values: Float32Array) => tf.tensor4d(values, [batchSize, 1, 1, 1]);

    if (options.flip) {
      const flip = perImage(draws.flip);
      const mirrored = tf.reverse(x, 2); // width axis
      x = tf.add(x, tf.mul(flip, tf.sub(mirrored, x)));
    }
    if (options.brightness > 0) {
      x = tf.clipByValue(tf.mul(x, perImage(draws.brightness)), 0, 255);
    }
    if (options.contrast > 0) {
      const channelMeans = tf.mean(x, [1, 2], true); // [batch, 1, 1, 3]
      const luma = tf.tensor4d([...LUMA], [1, 1, 1, 3]);
      const greyMean = tf.sum(tf.mul(channelMeans, luma), 3, true); // [batch, 1, 1, 1]
      const factor = perImage(draws.contrast);
      x = tf.clipByValue(tf.add(tf.mul(x, factor), tf.mul(tf.sub(1, factor), greyMean)), 0, 255);
    }
    return normalize(x);
  });
}
