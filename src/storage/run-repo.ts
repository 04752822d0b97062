// Training runs and their latest checkpoints in IndexedDB. A checkpoint and the run record that
// counts its epochs are saved in one transaction, so after a closed tab the two always agree.

import { toAppError } from '../lib/errors';
import { commitAll } from './commit';
import { database } from './db';
import type { StoredEvaluation } from './evaluation-repo';
import type {
  CheckpointRecord,
  ImportedModelRecord,
  ImportedRunRecord,
  RunRecord,
} from './run-records';

export async function listRuns(): Promise<RunRecord[]> {
  const runs = await (await database()).getAll('runs');
  return runs.sort((a, b) => b.createdAt - a.createdAt);
}

export async function getRun(id: string): Promise<RunRecord | undefined> {
  return (await database()).get('runs', id);
}

export async function saveRun(run: RunRecord): Promise<void> {
  try {
    await (await database()).put('runs', { ...run, updatedAt: Date.now() }, run.id);
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

/** A run, its checkpoint (or imported model) and its evaluation go together. */
export async function deleteRun(id: string): Promise<void> {
  const tx = (await database()).transaction(
    ['runs', 'checkpoints', 'evaluations', 'models'],
    'readwrite',
  );
  await commitAll(tx, (tx, add) => {
    add(tx.objectStore('evaluations').delete(id));
    add(tx.objectStore('checkpoints').delete(id));
    add(tx.objectStore('models').delete(id));
    add(tx.objectStore('runs').delete(id));
  });
}

/** An imported model's run and its files (and its evaluation, from a project file), all or none. */
export async function saveImportedRun(
  run: ImportedRunRecord,
  model: ImportedModelRecord,
  evaluation?: StoredEvaluation,
): Promise<void> {
  try {
    const tx = (await database()).transaction(['runs', 'models', 'evaluations'], 'readwrite');
    await commitAll(tx, (tx, add) => {
      add(tx.objectStore('models').put(model, model.runId));
      add(tx.objectStore('runs').put(run, run.id));
      if (evaluation) add(tx.objectStore('evaluations').put(evaluation, evaluation.runId));
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function getImportedModel(runId: string): Promise<ImportedModelRecord | undefined> {
  return (await database()).get('models', runId);
}

export async function getCheckpoint(runId: string): Promise<CheckpointRecord | undefined> {
  return (await database()).get('checkpoints', runId);
}

/** A run brought in whole (from a project file): its record, checkpoint and evaluation together. */
export async function saveRunWithParts(
  run: RunRecord,
  checkpoint?: CheckpointRecord,
  evaluation?: StoredEvaluation,
): Promise<void> {
  try {
    const tx = (await database()).transaction(['runs', 'checkpoints', 'evaluations'], 'readwrite');
    await commitAll(tx, (tx, add) => {
      add(tx.objectStore('runs').put({ ...run, updatedAt: Date.now() }, run.id));
      if (checkpoint) add(tx.objectStore('checkpoints').put(checkpoint, checkpoint.runId));
      if (evaluation) add(tx.objectStore('evaluations').put(evaluation, evaluation.runId));
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

/** The checkpoint of an epoch and the run record that lists that epoch, both or neither. */
export async function saveCheckpointWithRun(
  checkpoint: CheckpointRecord,
  run: RunRecord,
): Promise<void> {
  try {
    const tx = (await database()).transaction(['checkpoints', 'runs'], 'readwrite');
    await commitAll(tx, (tx, add) => {
      add(tx.objectStore('checkpoints').put(checkpoint, checkpoint.runId));
      add(tx.objectStore('runs').put({ ...run, updatedAt: Date.now() }, run.id));
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}
