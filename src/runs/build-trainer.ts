// Owns building a Trainer inside a worker: the same as createTrainer, plus the pretrained
// encoder's weights (fetched from the app's origin) when the run's backbone starts from the
// pretrained encoder, or the imported encoder's embedding length when it trains over one;
// and a finished run's trainer, restored from its last checkpoint.

import { AppError } from '../lib/errors';
import { usesImportedEncoder, usesPretrainedEncoder, type TrainConfig } from '../ml/config';
import { importedEncoderRun } from './imported-encoder';
import { getCheckpoint, getRun } from '../storage/run-repo';
import { isTrainedRun, type TrainedRunRecord } from '../storage/run-records';
import { createTrainer, type Trainer } from '../ml/trainer';
import type { TrainerState } from '../ml/trainer-types';
import { faceEncoderWeights } from '../faces/face-models';

export async function buildTrainer(
  config: TrainConfig,
  numClasses: number,
  stepsPerEpoch: number,
): Promise<Trainer> {
  const encoderWeights = usesPretrainedEncoder(config) ? await faceEncoderWeights() : undefined;
  // Over an imported model, the projection takes that model's embedding.
  const encoderDim = usesImportedEncoder(config)
    ? (await importedEncoderRun(config)).dim
    : undefined;
  return createTrainer(config, numClasses, {
    stepsPerEpoch,
    ...(encoderWeights ? { encoderWeights } : {}),
    ...(encoderDim ? { encoderDim } : {}),
  });
}

/**
 * A run and its trainer holding the weights of its last checkpoint; the caller disposes the
 * trainer. `missing` is the message when the run has no checkpoint (it never finished an epoch).
 */
export async function loadTrainedRun(
  runId: string,
  missing: string,
): Promise<{ run: TrainedRunRecord; trainer: Trainer; state: TrainerState }> {
  const [run, checkpoint] = await Promise.all([getRun(runId), getCheckpoint(runId)]);
  if (!run || !isTrainedRun(run) || !checkpoint) throw new AppError('not-found', missing);
  const trainer = await buildTrainer(run.config, run.identities.length, 1);
  try {
    trainer.importState(checkpoint.state);
  } catch (error) {
    trainer.dispose();
    throw error;
  }
  return { run, trainer, state: checkpoint.state };
}
