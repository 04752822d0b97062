// The shapes of stored training runs and their checkpoints.

import type { TrainConfig } from '../ml/config';
import type { TrainerState } from '../ml/trainer';
import type { BackendName, EpochMetrics, StepPoint } from '../worker/training-protocol';

export type RunStatus = 'running' | 'paused' | 'completed' | 'stopped' | 'failed';

export interface RunRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  config: TrainConfig;
  /** The people the run was trained on, in class-index order. */
  identities: { id: string; name: string }[];
  trainImages: number;
  valImages: number;
  /** Seconds spent before the first step: reading and decoding images, and (frozen encoder) computing their features. */
  prepareSeconds?: number;
  backend: BackendName;
  status: RunStatus;
  epochs: EpochMetrics[];
  steps: StepPoint[];
  error?: { code: string; message: string };
}

export interface CheckpointRecord {
  runId: string;
  /** Epochs completed when the checkpoint was taken (the next epoch to run). */
  epoch: number;
  state: TrainerState;
  savedAt: number;
}
