// Moves the data of the earlier storage layout into the one database, once. Until this version
// each store was its own database (idb-keyval's createStore(`face-studio-<store>`, 'records')),
// so no transaction could span two of them. The move reads every old store, writes everything
// in one transaction (all or nothing, so a tab closed mid-way leaves the old data to move again
// next time), records that it happened, and only then deletes the old databases.

import { commitAll } from './commit';
import type { FaceStudioDatabase, StoreName } from './schema';
import { STORE_NAMES } from './schema';

/** The earlier layout: one database per store, each with one object store named 'records'. */
export const LEGACY_DATABASES: Readonly<Record<StoreName, string>> = {
  identities: 'face-studio-identities',
  images: 'face-studio-images',
  crops: 'face-studio-crops',
  thumbs: 'face-studio-thumbs',
  runs: 'face-studio-runs',
  checkpoints: 'face-studio-checkpoints',
  evaluations: 'face-studio-evaluations',
};
export const LEGACY_STORE = 'records';
export const MIGRATED_KEY = 'legacy-stores-migrated';

type Entries = [IDBValidKey, unknown][];

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** The old databases that exist; without `indexedDB.databases`, every name is tried. */
async function presentLegacyDatabases(): Promise<string[]> {
  const names = Object.values(LEGACY_DATABASES);
  if (typeof indexedDB.databases !== 'function') return names;
  const existing = new Set((await indexedDB.databases()).flatMap((info) => info.name ?? []));
  return names.filter((name) => existing.has(name));
}

/** Every key and value of one old database ([] when it has no 'records' store). */
async function readLegacy(name: string): Promise<Entries> {
  const opening = indexedDB.open(name);
  // Opening a name that does not exist creates an empty database: it is deleted afterwards.
  const db = await request(opening);
  try {
    if (!db.objectStoreNames.contains(LEGACY_STORE)) return [];
    const store = db.transaction(LEGACY_STORE, 'readonly').objectStore(LEGACY_STORE);
    const [keys, values] = await Promise.all([
      request(store.getAllKeys()),
      request(store.getAll()),
    ]);
    return keys.map((key, i) => [key, values[i]]);
  } finally {
    db.close();
  }
}

function deleteLegacy(name: string): void {
  // A tab still running the earlier version keeps it open; the delete then waits for it.
  indexedDB.deleteDatabase(name);
}

export interface MigrationReport {
  /** Records moved per store. */
  moved: Partial<Record<StoreName, number>>;
}

/** Moves the earlier layout's data in, unless done before. Returns what moved, or null. */
export async function migrateLegacyStores(db: FaceStudioDatabase): Promise<MigrationReport | null> {
  if ((await db.get('meta', MIGRATED_KEY)) !== undefined) return null;
  const present = new Set(await presentLegacyDatabases());
  const read = new Map<StoreName, Entries>();
  for (const store of STORE_NAMES) {
    const legacy = LEGACY_DATABASES[store];
    if (present.has(legacy)) read.set(store, await readLegacy(legacy));
  }
  const tx = db.transaction([...STORE_NAMES, 'meta'], 'readwrite');
  // The worker or another tab may have moved the data meanwhile: ask again inside the transaction.
  if ((await tx.objectStore('meta').get(MIGRATED_KEY)) !== undefined) {
    await tx.done;
    return null;
  }
  const moved: MigrationReport['moved'] = {};
  await commitAll(tx, (tx, add) => {
    for (const [store, entries] of read) {
      moved[store] = entries.length;
      const target = tx.objectStore(store);
      for (const [key, value] of entries) add(target.put(value as never, key as string));
    }
    add(tx.objectStore('meta').put({ at: Date.now(), moved }, MIGRATED_KEY));
  });
  for (const name of present) deleteLegacy(name);
  return { moved };
}
