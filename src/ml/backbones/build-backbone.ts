// Owns the choice of backbone from a training configuration.
import type * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../config';
import { MlError } from '../ml-error';
import { FACE_ENCODER_EMBEDDING_DIM } from '../pretrained/face-encoder';
import { buildMobileFaceNet } from './mobilefacenet';
import { buildProjection } from './projection';
import { buildResNet18 } from './resnet18';

/**
 * A fresh, seeded backbone: input [null, S, S, 3] in [-1, 1], output [null, embeddingDim]; for
 * the frozen pretrained encoder, the trainable projection: input [null, 128] encoder features.
 */
export function buildBackbone(
  config: Pick<TrainConfig, 'backbone' | 'inputSize' | 'widthMultiplier' | 'embeddingDim' | 'seed'>,
): tf.LayersModel {
  const options = {
    inputSize: config.inputSize,
    widthMultiplier: config.widthMultiplier,
    embeddingDim: config.embeddingDim,
    seed: config.seed,
  };
  switch (config.backbone) {
    case 'resnet18':
      return buildResNet18(options);
    case 'mobilefacenet':
      return buildMobileFaceNet(options);
    case 'face-api-frozen':
    case 'face-api-finetune':
      return buildProjection({
        inputDim: FACE_ENCODER_EMBEDDING_DIM,
        embeddingDim: config.embeddingDim,
        seed: config.seed,
      });
    case 'imported-frozen':
      // Its input is the imported model's embedding, whose length only that model knows.
      throw new MlError(
        'invalid-argument',
        'the projection over an imported encoder is built by trainer-imported-features.ts',
      );
  }
}
