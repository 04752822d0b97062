// Owns the frozen-features mode's input pipeline: the pretrained encoder never trains, so the
// caller encodes every image once (`encode`) and the trainer's steps take those 128-d features
// (augmented by the caller, e.g. features of flipped images) through the trained projection.
// Embedding still goes end to end from images, flip-averaged.
import type * as tf from '@tensorflow/tfjs';
import { buildBackbone } from './backbones/build-backbone';
import { imageSizeFor, type TrainConfig } from './config';
import { createFaceEncoder } from './pretrained/face-encoder';
import { assembleTrainer } from './trainer-core';
import {
  encodeImages,
  flipAveragedEmbed,
  flipViewEmbed,
  requireEncoderWeights,
} from './trainer-encoder';
import type { Trainer, TrainerOptions } from './trainer-types';

export function createFrozenFeaturesTrainer(
  config: TrainConfig,
  numClasses: number,
  options: TrainerOptions,
): Trainer {
  const encoder = createFaceEncoder(requireEncoderWeights(options), { trainable: false });
  const model = buildBackbone(config); // the projection after the encoder
  return assembleTrainer(config, numClasses, options, {
    inputKind: 'features',
    imageSize: imageSizeFor(config),
    model,
    encoder,
    // The encoder's weights are not trained, so not saved with the run: the app ships them.
    extraParams: [],
    // Features [batch, 128] in, augmented by the caller; the random source is not needed here.
    embeddings: (features, training) => model.apply(features, { training }) as tf.Tensor2D,
    embed: (images) => flipAveragedEmbed(encoder, model, images),
    embedView: (images, mirrored) => flipViewEmbed(encoder, model, images, mirrored),
    encode: (images) => encodeImages(encoder, images),
    dispose: () => encoder.dispose(),
  });
}
