// Evaluations of runs in IndexedDB, so that reopening a run's evaluation does not recompute it.

import { del, get, set } from 'idb-keyval';
import { toAppError } from '../lib/errors';
import type { FolderV1Evaluation } from '../ml/metrics/evaluate-folder-v1';
import type { BackendName } from '../ml/run-progress';
import { stores } from './db';

export interface StoredEvaluation {
  runId: string;
  createdAt: number;
  evaluation: FolderV1Evaluation;
  /** Person names in class-index order. */
  identities: string[];
  /** Image ids of the test split, in the order of the evaluation's indices. */
  testImageIds: string[];
  backend: BackendName;
  inferImagesPerSecond: number;
  /** The threshold in use: the one chosen on val, or where the user moved the slider. */
  threshold: number;
}

export async function getEvaluation(runId: string): Promise<StoredEvaluation | undefined> {
  return get<StoredEvaluation>(runId, stores().evaluations);
}

export async function saveEvaluation(evaluation: StoredEvaluation): Promise<void> {
  try {
    await set(evaluation.runId, evaluation, stores().evaluations);
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function deleteEvaluation(runId: string): Promise<void> {
  await del(runId, stores().evaluations);
}
