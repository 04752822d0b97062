// The shapes of stored runs (trained here, or an embedding model imported from elsewhere), their
// checkpoints, imported models' files and evaluations, and how a run is named in a list.

import { describeNetwork, type TrainConfig } from '../ml/config';
import type { TrainerState } from '../ml/trainer';
import type { BackendName, EpochMetrics, StepPoint } from '../ml/run-progress';
import type { SplitPart } from '../ml/split';
import type { FolderV1Evaluation } from '../ml/metrics/evaluate-folder-v1';
import type { ImportedFormat, ImportedModelSpec } from '../ml/imported/imported-model-spec';

export type RunStatus = 'running' | 'paused' | 'completed' | 'stopped' | 'failed';

/** One image as a run knows it: its class index and part, as they were when the run started. */
export interface RunImage {
  id: string;
  label: number;
  part: SplitPart;
}

/** A network trained in the studio. Runs stored before imported ones existed have no `kind`. */
export interface TrainedRunRecord {
  kind?: 'trained';
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

/**
 * An embedding model trained elsewhere (ONNX or TF.js), imported to be evaluated and used like a
 * trained run. It has no classes of its own: it is evaluated on the dataset's people and split
 * as they are at each evaluation, and its templates come from that evaluation.
 */
export interface ImportedRunRecord {
  kind: 'imported';
  id: string;
  createdAt: number;
  updatedAt: number;
  /** The model's name in lists: its file name without the extension. */
  name: string;
  spec: ImportedModelSpec;
  /** The embedding's length, as the model gave it when checked at import. */
  dim: number;
  sizeBytes: number;
  /** The network its metadata names (e.g. "resnet18"), when it names one. */
  backbone?: string;
  status: 'completed';
}

export type RunRecord = TrainedRunRecord | ImportedRunRecord;

export function isImportedRun(run: RunRecord): run is ImportedRunRecord {
  return run.kind === 'imported';
}

export function isTrainedRun(run: RunRecord): run is TrainedRunRecord {
  return run.kind !== 'imported';
}

/** A run that can embed faces: imported, or trained for at least one epoch. */
export function canEmbed(run: RunRecord): boolean {
  return isImportedRun(run) || run.epochs.length > 0;
}

/** An imported run's model files, as picked (a .onnx file, or model.json and its weights). */
export interface ImportedModelRecord {
  runId: string;
  format: ImportedFormat;
  files: { name: string; data: Blob }[];
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

/** An imported model's network in a few words: its name, format and embedding length. */
export function describeImportedModel(run: ImportedRunRecord): string {
  const format = run.spec.format === 'onnx' ? 'ONNX' : 'TF.js';
  return `${run.name} · imported ${format}${run.backbone ? ` ${run.backbone}` : ''} · ${run.spec.size}×${run.spec.size} → ${run.dim}-d`;
}

/** One line naming a run in a picker: when, which network, how far, how it ended. */
export function describeRun(run: RunRecord): string {
  if (isImportedRun(run)) {
    return `${new Date(run.createdAt).toLocaleString()} · ${describeImportedModel(run)}`;
  }
  return `${new Date(run.createdAt).toLocaleString()} · ${describeNetwork(run.config)} · ${run.epochs.length}/${run.config.epochs} epochs · ${run.status}`;
}
