// The shapes of stored training runs, their checkpoints and evaluations, and how a run is named
// in a list.

import { describeNetwork, type TrainConfig } from '../ml/config';
import type { TrainerState } from '../ml/trainer';
import type { BackendName, EpochMetrics, StepPoint } from '../ml/run-progress';
import type { SplitPart } from '../ml/split';
import type { FolderV1Evaluation } from '../ml/metrics/evaluate-folder-v1';

export type RunStatus = 'running' | 'paused' | 'completed' | 'stopped' | 'failed';

/** One image as a run knows it: its class index and part, as they were when the run started. */
export interface RunImage {
  id: string;
  label: number;
  part: SplitPart;
}

export interface RunRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  config: TrainConfig;
  /** The people the run was trained on, in class-index order. */
  identities: { id: string; name: string }[];
  trainImages: number;
  valImages: number;
  /**
   * Every image of the run with its label and part, recorded at its start (runs/run-members.ts).
   * Absent in runs recorded before it was kept; those are rebuilt from the images' parts.
   */
  images?: RunImage[];
  /** Steps per epoch, fixed at the start so a resumed run keeps its learning-rate schedule. */
  stepsPerEpoch?: number;
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

/** A run's evaluation (protocol folder-v1), kept so reopening it does not recompute it. */
export interface StoredEvaluation {
  runId: string;
  createdAt: number;
  evaluation: FolderV1Evaluation;
  /** Person names in class-index order. */
  identities: string[];
  /** The run's people whose images were all deleted before this evaluation: not scored. */
  gone?: string[];
  /** Image ids of the test split, in the order of the evaluation's indices. */
  testImageIds: string[];
  /** Image ids of the test strangers, in the order of the open-set scores' source (absent before). */
  testStrangerIds?: string[];
  backend: BackendName;
  inferImagesPerSecond: number;
  /** The threshold in use: the one chosen on val, or where the user moved the slider. */
  threshold: number;
}

/** One line naming a run in a picker: when, which network, how far, how it ended. */
export function describeRun(run: RunRecord): string {
  return `${new Date(run.createdAt).toLocaleString()} · ${describeNetwork(run.config)} · ${run.epochs.length}/${run.config.epochs} epochs · ${run.status}`;
}
