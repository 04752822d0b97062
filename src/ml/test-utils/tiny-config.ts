// Owns the tiny training configurations tests use: 32×32 input and narrow widths, so that a
// train step takes milliseconds on the tfjs cpu backend.
import { DEFAULT_CONFIG, type BackboneName, type TrainConfig } from '../config';

export function tinyConfig(
  backbone: BackboneName,
  overrides: Partial<TrainConfig> = {},
): TrainConfig {
  return {
    ...DEFAULT_CONFIG,
    backbone,
    widthMultiplier: 0.125,
    inputSize: 32,
    embeddingDim: 32,
    batchSize: 8,
    epochs: 2,
    warmupEpochs: 0,
    seed: 7,
    ...overrides,
  };
}
