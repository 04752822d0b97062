// Evaluations of runs in IndexedDB, so that reopening a run's evaluation does not recompute it.

import { toAppError } from '../lib/errors';
import type { FolderV1Evaluation } from '../ml/metrics/evaluate-folder-v1';
import type { BackendName } from '../ml/run-progress';
import { database } from './db';

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
  backend: BackendName;
  inferImagesPerSecond: number;
  /** The threshold in use: the one chosen on val, or where the user moved the slider. */
  threshold: number;
}

export async function getEvaluation(runId: string): Promise<StoredEvaluation | undefined> {
  return (await database()).get('evaluations', runId);
}

export async function saveEvaluation(evaluation: StoredEvaluation): Promise<void> {
  try {
    await (await database()).put('evaluations', evaluation, evaluation.runId);
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function deleteEvaluation(runId: string): Promise<void> {
  await (await database()).delete('evaluations', runId);
}
