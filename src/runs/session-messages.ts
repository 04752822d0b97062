// Owns what a training session is told and what it tells the page: the start of a run, the
// preparation stages, and the messages it posts (each carrying its run id). Named here, below the
// worker, so the session does not import the worker's protocol; the protocol's training
// messages have these shapes (the worker hands the session its `post`, checked by tsc).
import type { SerializedError } from '../lib/errors';
import type { TrainConfig } from '../ml/config';
import type { EpochMetrics, StepPoint } from '../ml/run-progress';

export interface RunStart {
  runId: string;
  config: TrainConfig;
  /** Resume from the run's last checkpoint instead of starting afresh. */
  resume: boolean;
}

export type RunOutcome = 'completed' | 'stopped' | 'failed';

/**
 * Before the first step: reading and decoding the images, building the network (and loading the
 * pretrained encoder's weights), then (frozen encoder) computing the images' features.
 */
export type PrepareStage = 'reading' | 'building' | 'encoding';

export type TrainingSessionMessage =
  | {
      type: 'train/started';
      runId: string;
      identities: string[];
      trainImages: number;
      valImages: number;
      startEpoch: number;
      totalSteps: number;
    }
  | { type: 'train/preparing'; runId: string; stage: PrepareStage; done: number; total: number }
  | { type: 'train/progress'; runId: string; points: StepPoint[] }
  | { type: 'train/epoch'; runId: string; metrics: EpochMetrics }
  | { type: 'train/paused'; runId: string }
  | { type: 'train/resumed'; runId: string }
  | { type: 'train/done'; runId: string; outcome: RunOutcome; error?: SerializedError };
