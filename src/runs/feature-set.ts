// Owns the training data of the frozen-encoder mode: every image is run through the frozen
// encoder once (and, for flip augmentation, its mirror image once), and batches are drawn from
// those features, each image shown flipped or not by a coin seeded from (seed, step), so a
// resumed run repeats an unbroken one. This is why a run over hundreds of images takes seconds.

import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../lib/seeded-random';
import { deriveSeed } from '../ml/seeds';
import { batchRanges, labelBatch, pixelBatch } from '../ml/pixel-batch';
import type { Trainer } from '../ml/trainer';
import type { PixelSet, PrepareProgress } from './training-data';

export interface FeatureSet {
  count: number;
  dim: number;
  labels: Int32Array;
  /** [count, dim] encoder features of the images. */
  features: Float32Array;
  /** [count, dim] features of the mirrored images, or null without flip augmentation. */
  flipped: Float32Array | null;
}

// Small enough that Pause and Stop, checked between batches, act within seconds even on the CPU
// backend (~0.4 s a face there), large enough to keep WASM and GPUs busy.
const ENCODE_BATCH = 8;

/**
 * Encodes a decoded set (at the trainer's imageSize) with the frozen encoder. `progress` hears
 * of every encoder pass as (passes done, passes in all): one per image, two with the mirror.
 */
export async function encodePixelSet(
  trainer: Trainer,
  set: PixelSet,
  withFlip: boolean,
  progress?: PrepareProgress,
): Promise<FeatureSet> {
  const size = trainer.imageSize;
  const passes = withFlip ? 2 : 1;
  let dim = 0;
  let features = new Float32Array(0);
  let flipped: Float32Array | null = null;
  let done = 0;
  /** Encodes a batch (mirrored or not) into `target` at row `start`; allocates on first use. */
  const encodeInto = async (images: tf.Tensor4D, start: number, mirror: boolean) => {
    const out = tf.tidy(() =>
      trainer.encode(mirror ? (tf.reverse(images, 2) as tf.Tensor4D) : images),
    ); // [B, dim]
    try {
      if (dim === 0) {
        dim = out.shape[1];
        features = new Float32Array(set.count * dim);
        flipped = withFlip ? new Float32Array(set.count * dim) : null;
      }
      (mirror ? (flipped as Float32Array) : features).set(await out.data(), start * dim);
    } finally {
      out.dispose();
    }
    done += images.shape[0];
    await progress?.(done, set.count * passes);
  };
  for (const rows of batchRanges(set.count, ENCODE_BATCH)) {
    const images = pixelBatch(set.pixels, size, rows); // [B, S, S, 3]
    try {
      await encodeInto(images, rows.start, false);
      if (withFlip) await encodeInto(images, rows.start, true);
    } finally {
      images.dispose();
    }
  }
  return { count: set.count, dim, labels: set.labels, features, flipped };
}

/** A batch of features [batch, dim] and labels [batch]; flipped per image by a seeded coin. */
export function featureBatch(
  set: FeatureSet,
  indices: readonly number[],
  flipSeed: { seed: number; step: number } | null,
) {
  const random =
    flipSeed && set.flipped ? seededRandom(deriveSeed(flipSeed.seed, flipSeed.step)) : null;
  const out = new Float32Array(indices.length * set.dim);
  indices.forEach((index, k) => {
    const source = random && set.flipped && random() < 0.5 ? set.flipped : set.features;
    out.set(source.subarray(index * set.dim, (index + 1) * set.dim), k * set.dim);
  });
  const inputs = tf.tensor2d(out, [indices.length, set.dim]); // [batch, dim]
  return { inputs, labels: labelBatch(set.labels, indices) }; // labels [batch]
}
