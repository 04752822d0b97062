// Owns the training data of the frozen-encoder modes: every image is run through the frozen
// encoder (the pretrained one, or an imported model) once (and, for flip augmentation, its mirror image once), and batches are drawn from
// those features, each image shown flipped or not by a coin seeded from (seed, step), so a
// resumed run repeats an unbroken one. This is why a run over hundreds of images takes seconds.

import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../lib/seeded-random';
import { deriveSeed } from '../ml/seeds';
import { batchRanges, labelBatch, mirroredImages, pixelBatch } from '../ml/pixel-batch';
import type { Trainer } from '../ml/trainer';
import type { FaceEmbedder } from './face-embedder';
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

/**
 * Features [count, dim] of `count` crops ([count, S, S, 3] bytes), mirrored left-right first
 * when `mirror`: the frozen pretrained encoder's (in the trainer) or an imported model's.
 */
export type CropEncoder = (
  pixels: Uint8Array,
  count: number,
  mirror: boolean,
) => Promise<Float32Array>;

/** The frozen pretrained encoder of a trainer (its raw 128-d features). */
export function trainerCropEncoder(trainer: Trainer): CropEncoder {
  const size = trainer.imageSize;
  return async (pixels, count, mirror) => {
    const out = tf.tidy(() => {
      const images = pixelBatch(pixels, size, { start: 0, count }); // [B, S, S, 3]
      return trainer.encode(mirror ? (tf.reverse(images, 2) as tf.Tensor4D) : images);
    }); // [B, dim]
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  };
}

/** An imported model (its unit-length embeddings). */
export function embedderCropEncoder(embedder: FaceEmbedder): CropEncoder {
  const size = embedder.imageSize;
  return (pixels, count, mirror) =>
    embedder.embed(mirror ? mirroredImages(pixels, count, size) : pixels, count);
}

// Small enough that Pause and Stop, checked between batches, act within seconds even on the CPU
// backend (~0.4 s a face there), large enough to keep WASM and GPUs busy.
const ENCODE_BATCH = 8;

/**
 * Encodes a decoded set (at `size`, the encoder's side) with a frozen encoder. `progress` hears
 * of every encoder pass as (passes done, passes in all): one per image, two with the mirror.
 */
export async function encodePixelSet(
  encode: CropEncoder,
  size: number,
  set: PixelSet,
  withFlip: boolean,
  progress?: PrepareProgress,
): Promise<FeatureSet> {
  const frame = size * size * 3;
  const passes = withFlip ? 2 : 1;
  let dim = 0;
  let features = new Float32Array(0);
  let flipped: Float32Array | null = null;
  let done = 0;
  /** Encodes a batch (mirrored or not) into its rows; allocates on first use. */
  const encodeInto = async (start: number, count: number, mirror: boolean) => {
    const pixels = set.pixels.subarray(start * frame, (start + count) * frame);
    const out = await encode(pixels, count, mirror); // [count, dim]
    if (dim === 0) {
      dim = out.length / count;
      features = new Float32Array(set.count * dim);
      flipped = withFlip ? new Float32Array(set.count * dim) : null;
    }
    (mirror ? (flipped as Float32Array) : features).set(out, start * dim);
    done += count;
    await progress?.(done, set.count * passes);
  };
  for (const rows of batchRanges(set.count, ENCODE_BATCH)) {
    await encodeInto(rows.start, rows.count, false);
    if (withFlip) await encodeInto(rows.start, rows.count, true);
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
