// Owns the one way the worker turns face crops into embeddings, whatever made the network: a
// run trained here (its Trainer, from its last checkpoint) or a model imported from elsewhere
// (ONNX or TF.js). Evaluate and Verify ask for a run's embedder and never look further.

import * as tf from '@tensorflow/tfjs';
import type { Trainer } from '../ml/trainer';

export interface FaceEmbedder {
  /** The side S the crops are decoded at before `embed`. */
  readonly imageSize: number;
  readonly dim: number;
  /** Unit-length embeddings [count, dim], row-major, of RGB crops [count, S, S, 3] (bytes). */
  embed(rgb: Uint8Array, count: number): Promise<Float32Array>;
  /**
   * Only where `embed` averages a crop with its mirror image: one of the two views of one crop
   * [dim], not normalised; `embed` of the crop is the normalised sum of both. Live Verify embeds
   * one view per frame, half the network's work.
   */
  embedView?(rgb: Uint8Array, mirrored: boolean): Promise<Float32Array>;
  dispose(): void;
}

/** A trained run's network as an embedder (the trainer is disposed with it). */
export function trainerEmbedder(trainer: Trainer): FaceEmbedder {
  const size = trainer.imageSize;
  const run = async (rgb: Uint8Array, count: number, net: (pixels: tf.Tensor4D) => tf.Tensor) => {
    const pixels = tf.tensor4d(
      rgb.subarray(0, count * size * size * 3),
      [count, size, size, 3],
      'int32',
    ); // [B, S, S, 3]
    let embedding: tf.Tensor;
    try {
      embedding = net(pixels); // [B, dim]
    } finally {
      pixels.dispose();
    }
    try {
      return (await embedding.data()) as Float32Array;
    } finally {
      embedding.dispose();
    }
  };
  const { embedView } = trainer;
  return {
    imageSize: size,
    dim: trainer.config.embeddingDim,
    embed: (rgb, count) => run(rgb, count, (pixels) => trainer.embed(pixels)), // unit length
    embedView: embedView
      ? (rgb, mirrored) => run(rgb, 1, (pixels) => embedView.call(trainer, pixels, mirrored))
      : undefined,
    dispose: () => trainer.dispose(),
  };
}
