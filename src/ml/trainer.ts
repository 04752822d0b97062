// Owns building a trainer from a config: it checks the config and the class count, then picks
// one of three input pipelines behind the one Trainer interface (trainer-types.ts): from scratch
// (trainer-from-scratch.ts), the pretrained encoder fine-tuned (trainer-finetune.ts), or the
// pretrained encoder frozen, training on its features (trainer-frozen-features.ts), or the same
// over an imported model's embeddings (trainer-imported-features.ts). What they
// share (head, optimiser, steps, state) is in trainer-core.ts.
import {
  usesFrozenEncoder,
  usesImportedEncoder,
  usesPretrainedEncoder,
  validateConfig,
  type TrainConfig,
} from './config';
import { MlError } from './ml-error';
import { createFinetuneTrainer } from './trainer-finetune';
import { createFromScratchTrainer } from './trainer-from-scratch';
import { createFrozenFeaturesTrainer } from './trainer-frozen-features';
import { createImportedFeaturesTrainer } from './trainer-imported-features';
import type { Trainer, TrainerOptions } from './trainer-types';
import { registerLeanGradients } from './lean-gradients';

export type {
  BatchResult,
  FeatureBatch,
  ImageBatch,
  LabelBatch,
  StepResult,
  Trainer,
  TrainerOptions,
  TrainerState,
} from './trainer-types';

export function createTrainer(
  config: TrainConfig,
  numClasses: number,
  options: TrainerOptions,
): Trainer {
  const issues = validateConfig(config);
  if (issues.length > 0) {
    const text = issues.map((i) => `${i.field} ${i.reason}`).join('; ');
    throw new MlError('invalid-config', `invalid training configuration: ${text}`);
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new MlError('invalid-argument', `need at least two classes (got ${numClasses})`);
  }
  if (!Number.isInteger(options.stepsPerEpoch) || options.stepsPerEpoch < 1) {
    throw new MlError(
      'invalid-argument',
      `stepsPerEpoch must be ≥ 1 (got ${options.stepsPerEpoch})`,
    );
  }
  registerLeanGradients();
  if (usesFrozenEncoder(config)) return createFrozenFeaturesTrainer(config, numClasses, options);
  if (usesImportedEncoder(config)) {
    return createImportedFeaturesTrainer(config, numClasses, options);
  }
  if (usesPretrainedEncoder(config)) return createFinetuneTrainer(config, numClasses, options);
  return createFromScratchTrainer(config, numClasses, options);
}
