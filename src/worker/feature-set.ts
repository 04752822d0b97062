// Owns the training data of the frozen-encoder mode: every image is run through the frozen
// encoder once (and, for flip augmentation, its mirror image once), and batches are drawn from
// those features, each image shown flipped or not by a coin seeded from (seed, step), so a
// resumed run repeats an unbroken one. This is why a run over hundreds of images takes seconds.

import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../lib/seeded-random';
import { deriveSeed } from '../ml/seeds';
import type { Trainer } from '../ml/trainer';
import type { PixelSet } from './training-data';

export interface FeatureSet {
  count: number;
  dim: number;
  labels: Int32Array;
  /** [count, dim] encoder features of the images. */
  features: Float32Array;
  /** [count, dim] features of the mirrored images, or null without flip augmentation. */
  flipped: Float32Array | null;
}

const ENCODE_BATCH = 16;

/** Encodes a decoded set (at the trainer's imageSize) with the frozen encoder. */
export async function encodePixelSet(trainer: Trainer, set: PixelSet, withFlip: boolean): Promise<FeatureSet> {
  const size = trainer.imageSize;
  const frame = size * size * 3;
  let dim = 0;
  let features = new Float32Array(0);
  let flipped: Float32Array | null = null;
  for (let start = 0; start < set.count; start += ENCODE_BATCH) {
    const count = Math.min(ENCODE_BATCH, set.count - start);
    const images = tf.tensor4d(set.pixels.subarray(start * frame, (start + count) * frame), [count, size, size, 3], 'int32'); // [B, S, S, 3]
    const plain = trainer.encode(images); // [B, dim]
    const mirrored = withFlip ? tf.tidy(() => trainer.encode(tf.reverse(images, 2) as tf.Tensor4D)) : null; // [B, dim]
    images.dispose();
    if (dim === 0) {
      dim = plain.shape[1];
      features = new Float32Array(set.count * dim);
      flipped = withFlip ? new Float32Array(set.count * dim) : null;
    }
    features.set(await plain.data(), start * dim);
    plain.dispose();
    if (mirrored && flipped) {
      flipped.set(await mirrored.data(), start * dim);
      mirrored.dispose();
    }
  }
  return { count: set.count, dim, labels: set.labels, features, flipped };
}

/** A batch of features [batch, dim] and labels [batch]; flipped per image by a seeded coin. */
export function featureBatch(set: FeatureSet, indices: readonly number[], flipSeed: { seed: number; step: number } | null) {
  const random = flipSeed && set.flipped ? seededRandom(deriveSeed(flipSeed.seed, flipSeed.step)) : null;
  const out = new Float32Array(indices.length * set.dim);
  indices.forEach((index, k) => {
    const source = random && set.flipped && random() < 0.5 ? set.flipped : set.features;
    out.set(source.subarray(index * set.dim, (index + 1) * set.dim), k * set.dim);
  });
  const inputs = tf.tensor2d(out, [indices.length, set.dim]); // [batch, dim]
  const labels = tf.tensor1d(Int32Array.from(indices, (i) => set.labels[i] as number), 'int32'); // [batch]
  return { inputs, labels };
}
