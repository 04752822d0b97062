// Owns the trainable part of the "pretrained encoder + ArcFace head" mode: a projection of the
// frozen encoder's 128-d descriptor to the embedding (Linear + BatchNorm, as the backbones end).
// The encoder itself lives in ../pretrained; its features are computed once per image.
import * as tf from '@tensorflow/tfjs';
import { embeddingHead } from './layer-helpers';

export interface ProjectionOptions {
  inputDim: number;
  embeddingDim: number;
  seed: number;
}

/** Input [null, inputDim] encoder features, output [null, embeddingDim]. */
export function buildProjection(options: ProjectionOptions): tf.LayersModel {
  const input = tf.input({ shape: [options.inputDim], name: 'features' });
  const output = embeddingHead(input, options.embeddingDim, options.seed);
  return tf.model({ inputs: input, outputs: output as tf.SymbolicTensor, name: 'projection' });
}
