// Writes a studio the way the version before the single database did (git 0467e6a,
// src/storage/db.ts and the repos): one idb-keyval database per store, named
// `face-studio-<store>`, each with one object store 'records', values keyed by id. The
// migration test opens such data with today's code.

import { createStore, setMany, type UseStore } from 'idb-keyval';
import type { StoredEvaluation } from '../evaluation-repo';
import type { IdentityRecord, ImageRecord } from '../records';
import type { CheckpointRecord, RunRecord } from '../run-records';

export interface LegacyStudio {
  identities: IdentityRecord[];
  images: { record: ImageRecord; crop: Blob; thumb: Blob }[];
  runs: RunRecord[];
  checkpoints: CheckpointRecord[];
  evaluations: StoredEvaluation[];
}

/** Writes the studio, then closes every connection (as closing the old tab did), so that
 *  today's code can delete the old databases. */
export async function writeLegacyStudio(studio: LegacyStudio): Promise<void> {
  const opened: UseStore[] = [];
  const store = (name: string) => {
    const keyval = createStore(`face-studio-${name}`, 'records');
    opened.push(keyval);
    return keyval;
  };
  try {
    await writeEach(studio, store);
  } finally {
    await Promise.all(opened.map((keyval) => keyval('readonly', (s) => s.transaction.db.close())));
  }
}

async function writeEach(studio: LegacyStudio, store: (name: string) => UseStore): Promise<void> {
  await setMany(
    studio.identities.map((i) => [i.id, i]),
    store('identities'),
  );
  // The earlier image repo wrote crops, then thumbnails, then the records.
  await setMany(
    studio.images.map((i) => [i.record.id, i.crop]),
    store('crops'),
  );
  await setMany(
    studio.images.map((i) => [i.record.id, i.thumb]),
    store('thumbs'),
  );
  await setMany(
    studio.images.map((i) => [i.record.id, i.record]),
    store('images'),
  );
  await setMany(
    studio.runs.map((r) => [r.id, r]),
    store('runs'),
  );
  await setMany(
    studio.checkpoints.map((c) => [c.runId, c]),
    store('checkpoints'),
  );
  await setMany(
    studio.evaluations.map((e) => [e.runId, e]),
    store('evaluations'),
  );
}
