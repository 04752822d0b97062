// Owns the choice of backbone from a training configuration.
import type * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../config';
import { buildMobileFaceNet } from './mobilefacenet';
import { buildResNet18 } from './resnet18';

/** A fresh, seeded backbone: input [null, S, S, 3] in [-1, 1], output [null, embeddingDim]. */
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
  }
}
