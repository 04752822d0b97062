// Owns the trainer over an imported model kept frozen: as with the pretrained encoder frozen,
// only a projection (Linear + BatchNorm, inputDim = the imported model's embedding length) and
// the head train, on features computed once per image. The imported model runs outside TF.js
// (onnxruntime-web, or its own TF.js graph), so its features are computed by the worker
// (runs/feature-set.ts) and faces are embedded there too (runs/run-embedder.ts): this trainer
// takes features only, and refuses images.
import type * as tf from '@tensorflow/tfjs';
import { buildProjection } from './backbones/projection';
import type { TrainConfig } from './config';
import { MlError } from './ml-error';
import { assembleTrainer } from './trainer-core';
import type { Trainer, TrainerOptions } from './trainer-types';

const imagesRefused = () =>
  new MlError(
    'invalid-argument',
    'a run over an imported encoder takes its features: the worker embeds images with the imported model first',
  );

export function createImportedFeaturesTrainer(
  config: TrainConfig,
  numClasses: number,
  options: TrainerOptions,
): Trainer {
  const inputDim = options.encoderDim;
  if (inputDim === undefined || !Number.isInteger(inputDim) || inputDim < 2) {
    throw new MlError(
      'invalid-argument',
      `the imported encoder's embedding length is needed (got ${String(inputDim)})`,
    );
  }
  const model = buildProjection({ inputDim, embeddingDim: config.embeddingDim, seed: config.seed });
  return assembleTrainer(config, numClasses, options, {
    inputKind: 'features',
    // Not used: images are decoded at the imported model's own side, and embedded by it.
    imageSize: config.inputSize,
    model,
    encoder: null,
    extraParams: [],
    embeddings: (features, training) => model.apply(features, { training }) as tf.Tensor2D,
    embed: () => {
      throw imagesRefused();
    },
    encode: () => {
      throw imagesRefused();
    },
    dispose: () => undefined,
  });
}
