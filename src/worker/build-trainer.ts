// Owns building a Trainer inside a worker: the same as createTrainer, plus the pretrained
// encoder's weights (fetched from the app's origin) when the run's backbone starts from the pretrained encoder.

import { usesPretrainedEncoder, type TrainConfig } from '../ml/config';
import { createTrainer, type Trainer } from '../ml/trainer';
import { faceEncoderWeights } from './face-models';

export async function buildTrainer(config: TrainConfig, numClasses: number, stepsPerEpoch: number): Promise<Trainer> {
  const encoderWeights = usesPretrainedEncoder(config) ? await faceEncoderWeights() : undefined;
  return createTrainer(config, numClasses, { stepsPerEpoch, encoderWeights });
}
