// Owns the from-scratch mode's input pipeline: images resized to the network's input size,
// augmented (flip, brightness, contrast) in training or only scaled to [-1, 1] otherwise, then
// through a randomly initialised backbone (ResNet-18 or MobileFaceNet).
import type * as tf from '@tensorflow/tfjs';
import { augmentBatch, normalize, resizeToInput } from './augment';
import { buildBackbone } from './backbones/build-backbone';
import type { TrainConfig } from './config';
import { l2Normalize } from './l2-normalize';
import { MlError } from './ml-error';
import { assembleTrainer, type InputPipeline } from './trainer-core';
import type { ImageBatch, Trainer, TrainerOptions } from './trainer-types';

export function createFromScratchTrainer(
  config: TrainConfig,
  numClasses: number,
  options: TrainerOptions,
): Trainer {
  const model = buildBackbone(config);
  const embeddings: InputPipeline['embeddings'] = (inputs, training, random) => {
    const resized = resizeToInput(inputs as ImageBatch, config.inputSize); // [batch, S, S, 3]
    const x = random ? augmentBatch(resized, config.augment, random) : normalize(resized); // in [-1, 1]
    return model.apply(x, { training }) as tf.Tensor2D;
  };
  return assembleTrainer(config, numClasses, options, {
    inputKind: 'images',
    imageSize: config.inputSize,
    model,
    encoder: null,
    extraParams: [],
    embeddings,
    embed: (images) => l2Normalize(embeddings(images, false, null), 1),
    encode: () => {
      throw new MlError('invalid-argument', 'only a pretrained-encoder trainer encodes images');
    },
    dispose: () => undefined,
  });
}
