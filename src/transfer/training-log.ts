// Owns the training log of a run as files: per-step and per-epoch CSV tables (one row per step
// or epoch, as the run recorded them) and one JSON document with the run's settings and both.

import type { TrainedRunRecord } from '../storage/run-records';
import type { EpochMetrics, StepPoint } from '../ml/run-progress';
import { toCsv, type CsvColumn } from './csv';

export const STEP_COLUMNS: readonly CsvColumn<StepPoint>[] = [
  { header: 'step', value: (p) => p.step },
  { header: 'epoch', value: (p) => p.epoch },
  { header: 'loss', value: (p) => p.loss },
  { header: 'accuracy', value: (p) => p.accuracy },
  { header: 'learning_rate', value: (p) => p.learningRate },
];

export const EPOCH_COLUMNS: readonly CsvColumn<EpochMetrics>[] = [
  { header: 'epoch', value: (e) => e.epoch },
  { header: 'train_loss', value: (e) => e.trainLoss },
  { header: 'train_accuracy', value: (e) => e.trainAccuracy },
  { header: 'val_loss', value: (e) => e.valLoss },
  { header: 'val_accuracy', value: (e) => e.valAccuracy },
  { header: 'learning_rate', value: (e) => e.learningRate },
  { header: 'images_per_second', value: (e) => e.imagesPerSecond },
  { header: 'seconds', value: (e) => e.seconds },
];

export function stepsCsv(run: TrainedRunRecord): string {
  return toCsv(STEP_COLUMNS, run.steps);
}

export function epochsCsv(run: TrainedRunRecord): string {
  return toCsv(EPOCH_COLUMNS, run.epochs);
}

/** JSON cannot hold NaN or Infinity: they become null, as in the CSV's empty fields. */
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

export function trainingLogJson(run: TrainedRunRecord, appVersion: string): string {
  const log = {
    format: 'face-studio-training-log',
    version: 1,
    appVersion,
    runId: run.id,
    createdAt: new Date(run.createdAt).toISOString(),
    status: run.status,
    backend: run.backend,
    config: run.config,
    identities: run.identities.map((identity) => identity.name),
    trainImages: run.trainImages,
    valImages: run.valImages,
    epochs: run.epochs,
    steps: run.steps,
    ...(run.error ? { error: run.error } : {}),
  };
  return JSON.stringify(log, finiteOrNull, 2);
}
