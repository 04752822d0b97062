// Owns embedding stored face crops with the pretrained encoder for labelling (grouping Unsorted
// faces, suggesting a person, ranking suspect labels), before any run exists: each crop is
// read from IndexedDB, resized to the encoder's 150 px, embedded with its mirror image (the
// two descriptors summed) and L2-normalised, as the encoder-only baseline and the frozen mode
// do. A crop never changes once stored, so each image's embedding is computed once per worker
// and kept. Browser-only (runs in the labelling worker).

import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../ml/l2-normalize';
import {
  createFaceEncoder,
  FACE_ENCODER_EMBEDDING_DIM,
  FACE_ENCODER_INPUT,
  type FaceEncoder,
} from '../ml/pretrained/face-encoder';
import { faceEncoderWeights } from '../faces/face-models';
import { decodeCropPixels } from '../faces/crop-pixels';
import { getCrops } from '../storage/image-repo';

/** Small enough that a cancel acts within a second or two, large enough to keep WASM busy. */
const BATCH = 16;

export const EMBEDDING_DIM = FACE_ENCODER_EMBEDDING_DIM;

/** Told how many of the images are embedded; may throw (a cancel) to stop between batches. */
export type EmbedProgress = (done: number, total: number) => void;

export interface CropEmbeddings {
  /** The images embedded, in the order asked (images deleted meanwhile are left out). */
  ids: string[];
  /** [ids.length, EMBEDDING_DIM], each row of unit length. */
  vectors: Float32Array;
}

export class CropEmbedder {
  private encoder: Promise<FaceEncoder> | null = null;
  private readonly cache = new Map<string, Float32Array>();

  private loadEncoder(): Promise<FaceEncoder> {
    this.encoder ??= faceEncoderWeights().then((weights) =>
      createFaceEncoder(weights, { trainable: false }),
    );
    this.encoder.catch(() => (this.encoder = null));
    return this.encoder;
  }

  /** Embeddings of `ids` (from the cache where known), telling `progress` after each batch. */
  async embed(ids: readonly string[], progress: EmbedProgress): Promise<CropEmbeddings> {
    const missing = ids.filter((id) => !this.cache.has(id));
    progress(ids.length - missing.length, ids.length);
    if (missing.length > 0) {
      const encoder = await this.loadEncoder();
      const size = FACE_ENCODER_INPUT.size;
      const frame = size * size * 3;
      for (let start = 0; start < missing.length; start += BATCH) {
        const batch = missing.slice(start, start + BATCH);
        const crops = await getCrops(batch);
        const present = batch.filter((_, i) => crops[i] !== undefined);
        const pixels = new Uint8Array(present.length * frame);
        let row = 0;
        for (const crop of crops)
          if (crop) await decodeCropPixels(crop, size, pixels, frame * row++);
        if (present.length > 0) {
          const out = tf.tidy(() => {
            const x = tf.tensor4d(Float32Array.from(pixels), [present.length, size, size, 3]);
            return l2Normalize(
              tf.add(encoder.apply(x), encoder.apply(tf.reverse(x, 2) as tf.Tensor4D)),
              1,
            );
          });
          const data = (await out.data()) as Float32Array;
          out.dispose();
          present.forEach((id, i) =>
            this.cache.set(id, data.slice(i * EMBEDDING_DIM, (i + 1) * EMBEDDING_DIM)),
          );
        }
        progress(ids.length - missing.length + start + batch.length, ids.length);
      }
    }
    const kept = ids.filter((id) => this.cache.has(id));
    const vectors = new Float32Array(kept.length * EMBEDDING_DIM);
    kept.forEach((id, i) => vectors.set(this.cache.get(id) as Float32Array, i * EMBEDDING_DIM));
    return { ids: kept, vectors };
  }

  /** Forgets embeddings of images that are gone, so the cache does not outgrow the dataset. */
  forgetAllBut(keep: ReadonlySet<string>): void {
    for (const id of this.cache.keys()) if (!keep.has(id)) this.cache.delete(id);
  }
}
