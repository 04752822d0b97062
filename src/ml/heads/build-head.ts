// Owns the choice of classification head from a training configuration.
import type { TrainConfig } from '../config';
import { createArcFaceHead } from './arcface';
import type { ClassifierHead } from './classifier-head';
import { createSoftmaxHead } from './softmax';

export function buildHead(
  config: Pick<TrainConfig, 'head' | 'embeddingDim' | 'scale' | 'margin' | 'seed'>,
  numClasses: number,
): ClassifierHead {
  // A seed distinct from the backbone's, so that head and backbone draws are independent.
  const seed = (config.seed ^ 0x5bd1e995) >>> 0;
  const { embeddingDim } = config;
  switch (config.head) {
    case 'arcface':
      return createArcFaceHead({
        embeddingDim,
        numClasses,
        scale: config.scale,
        margin: config.margin,
        seed,
      });
    case 'softmax':
      return createSoftmaxHead({ embeddingDim, numClasses, seed });
  }
}
