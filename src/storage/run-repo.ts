// Training runs and their latest checkpoints in IndexedDB.

import { del, get, set, values } from 'idb-keyval';
import { toAppError } from '../lib/errors';
import { stores } from './db';
import type { CheckpointRecord, RunRecord } from './run-records';

export async function listRuns(): Promise<RunRecord[]> {
  const runs = await values<RunRecord>(stores().runs);
  return runs.sort((a, b) => b.createdAt - a.createdAt);
}

export async function getRun(id: string): Promise<RunRecord | undefined> {
  return get<RunRecord>(id, stores().runs);
}

export async function saveRun(run: RunRecord): Promise<void> {
  try {
    await set(run.id, { ...run, updatedAt: Date.now() }, stores().runs);
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function deleteRun(id: string): Promise<void> {
  await del(id, stores().evaluations);
  await del(id, stores().checkpoints);
  await del(id, stores().runs);
}

export async function getCheckpoint(runId: string): Promise<CheckpointRecord | undefined> {
  return get<CheckpointRecord>(runId, stores().checkpoints);
}

export async function saveCheckpoint(checkpoint: CheckpointRecord): Promise<void> {
  try {
    await set(checkpoint.runId, checkpoint, stores().checkpoints);
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}
