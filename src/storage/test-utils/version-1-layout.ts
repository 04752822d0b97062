// Writes a studio the way schema version 1 stored it (src/storage/db.ts before the photos
// store): one database 'face-studio' at version 1 with the seven data stores and `meta`, values
// keyed by id, no `photos` store and no index. The upgrade test opens such data with today's code.

import { openDB } from 'idb';
import { MIGRATED_KEY } from '../legacy-migration';
import type { IdentityRecord, ImageRecord } from '../records';
import type { CheckpointRecord, RunRecord, StoredEvaluation } from '../run-records';
import { DB_NAME } from '../schema';

export interface Version1Studio {
  identities: IdentityRecord[];
  images: { record: ImageRecord; crop: Blob; thumb: Blob }[];
  runs: RunRecord[];
  checkpoints: CheckpointRecord[];
  evaluations: StoredEvaluation[];
}

const VERSION_1_STORES = [
  'identities',
  'images',
  'crops',
  'thumbs',
  'runs',
  'checkpoints',
  'evaluations',
  'meta',
];

/** The writes of a version-1 studio's records (version 2 has them too), through `put`. */
export function version1Puts(
  studio: Version1Studio,
  put: (store: string, value: unknown, key: string) => Promise<unknown>,
): Promise<unknown>[] {
  return [
    ...studio.identities.map((i) => put('identities', i, i.id)),
    ...studio.images.flatMap((i) => [
      put('crops', i.crop, i.record.id),
      put('thumbs', i.thumb, i.record.id),
      put('images', i.record, i.record.id),
    ]),
    ...studio.runs.map((r) => put('runs', r, r.id)),
    ...studio.checkpoints.map((c) => put('checkpoints', c, c.runId)),
    ...studio.evaluations.map((e) => put('evaluations', e, e.runId)),
    // A version-1 studio had moved (or found no) data of the layout before it.
    put('meta', { at: 1, moved: {} }, MIGRATED_KEY),
  ];
}

/** Writes the studio at version 1 and closes the connection (as closing the old tab did). */
export async function writeVersion1Studio(studio: Version1Studio): Promise<void> {
  const db = await openDB(DB_NAME, 1, {
    upgrade(database) {
      for (const name of VERSION_1_STORES) database.createObjectStore(name);
    },
  });
  try {
    const tx = db.transaction(VERSION_1_STORES, 'readwrite');
    const put = (store: string, value: unknown, key: string) =>
      tx.objectStore(store).put(value, key);
    await Promise.all([...version1Puts(studio, put), tx.done]);
  } finally {
    db.close();
  }
}
