// Owns the fine-tune mode's input pipeline: images resized to the pretrained encoder's 150 px,
// augmented in training, through the encoder, whose every weight trains with the projection and
// head and is saved with the backbone's under "encoder/". Embeddings are flip-averaged.
import * as tf from '@tensorflow/tfjs';
import { augmentBatch, resizeToInput } from './augment';
import { buildBackbone } from './backbones/build-backbone';
import { imageSizeFor, type TrainConfig } from './config';
import { createFaceEncoder, FACE_ENCODER_INPUT } from './pretrained/face-encoder';
import { assembleTrainer } from './trainer-core';
import {
  encodeImages,
  flipAveragedEmbed,
  flipViewEmbed,
  requireEncoderWeights,
} from './trainer-encoder';
import type { ImageBatch, Trainer, TrainerOptions } from './trainer-types';
import type { TrainableParam } from './weight-records';

export function createFinetuneTrainer(
  config: TrainConfig,
  numClasses: number,
  options: TrainerOptions,
): Trainer {
  const encoder = createFaceEncoder(requireEncoderWeights(options), { trainable: true });
  const encoderParams: TrainableParam[] = Object.entries(encoder.variableMap).map(
    ([name, variable]) => {
      const saved = `encoder/${name}`;
      // Convolution filters decay like the backbone's kernels; scales and biases do not.
      return { name: saved, variable, decay: /\/filters$/.test(saved) };
    },
  );
  const model = buildBackbone(config); // the projection after the encoder
  return assembleTrainer(config, numClasses, options, {
    inputKind: 'images',
    imageSize: imageSizeFor(config),
    model,
    encoder,
    extraParams: encoderParams,
    embeddings(inputs, training, random) {
      const images = inputs as ImageBatch;
      if (!random) return model.apply(encodeImages(encoder, images), { training }) as tf.Tensor2D;
      const resized = resizeToInput(images, FACE_ENCODER_INPUT.size); // [batch, 150, 150, 3]
      // augmentBatch works in [-1, 1]; the encoder takes 0..255.
      const pixels = tf.mul(
        tf.add(augmentBatch(resized, config.augment, random), 1),
        127.5,
      ) as tf.Tensor4D;
      return model.apply(encoder.apply(pixels), { training }) as tf.Tensor2D;
    },
    embed: (images) => flipAveragedEmbed(encoder, model, images),
    embedView: (images, mirrored) => flipViewEmbed(encoder, model, images, mirrored),
    encode: (images) => encodeImages(encoder, images),
    dispose: () => encoder.dispose(),
  });
}
