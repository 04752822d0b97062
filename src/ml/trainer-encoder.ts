// Owns what the two pretrained-encoder modes (frozen features, fine-tuned) share: requiring the
// encoder's weights, encoding images at the encoder's input, and the flip-averaged embedding
// (whole, or one view at a time for live frames).
import * as tf from '@tensorflow/tfjs';
import { resizeToInput } from './augment';
import { l2Normalize } from './l2-normalize';
import { MlError } from './ml-error';
import { FACE_ENCODER_INPUT, type FaceEncoder } from './pretrained/face-encoder';
import type { FeatureBatch, ImageBatch, TrainerOptions } from './trainer-types';

export function requireEncoderWeights(options: TrainerOptions): tf.NamedTensorMap {
  if (!options.encoderWeights) {
    throw new MlError(
      'invalid-argument',
      'the pretrained encoder needs its weights (encoderWeights)',
    );
  }
  return options.encoderWeights;
}

/** Raw encoder features [batch, 128] of images (0..255, any size); call inside a tidy. */
export function encodeImages(encoder: FaceEncoder, images: ImageBatch): FeatureBatch {
  return encoder.apply(
    tf.cast(resizeToInput(images, FACE_ENCODER_INPUT.size), 'float32') as tf.Tensor4D,
  );
}

/**
 * L2-normalised embeddings [batch, D] of images, flip-averaged: the image and its mirror,
 * embedded and summed (measured on dev-lfw: +1.5 points top-1 and +5 TAR@1e-2 for the cost of a
 * second encoder pass), both in one batch through the encoder. Call inside a tidy.
 */
export function flipAveragedEmbed(
  encoder: FaceEncoder,
  projection: tf.LayersModel,
  images: ImageBatch,
): tf.Tensor2D {
  const batch = images.shape[0];
  const both = tf.concat([images, tf.reverse(images, 2)], 0) as ImageBatch; // [2·batch, …]
  const embedded = projection.apply(encodeImages(encoder, both), {
    training: false,
  }) as tf.Tensor2D; // [2·batch, D]
  const [plain, mirrored] = tf.split(embedded, [batch, batch], 0) as tf.Tensor2D[];
  return l2Normalize(tf.add(plain as tf.Tensor2D, mirrored as tf.Tensor2D), 1);
}

/**
 * One view of the flip-averaged embedding, not normalised [batch, D]: the images' (`mirrored`
 * false) or their mirror images' projected features. The sum of both views, L2-normalised, is
 * `flipAveragedEmbed` (BatchNorm runs in inference mode, so each image is embedded alone). Live
 * Verify embeds one view per frame and adds the previous frame's other view. Call inside a tidy.
 */
export function flipViewEmbed(
  encoder: FaceEncoder,
  projection: tf.LayersModel,
  images: ImageBatch,
  mirrored: boolean,
): tf.Tensor2D {
  const view = mirrored ? (tf.reverse(images, 2) as ImageBatch) : images;
  return projection.apply(encodeImages(encoder, view), { training: false }) as tf.Tensor2D;
}
