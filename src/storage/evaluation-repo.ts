// Evaluations of runs in IndexedDB, so that reopening a run's evaluation does not recompute it.

import { toAppError } from '../lib/errors';
import { database } from './db';
import type { StoredEvaluation } from './run-records';

export type { StoredEvaluation };

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
