// Opens Face Studio's one IndexedDB database (its stores are named in schema.ts). All stores
// live in one database with a schema version, so writes that belong together (an image's crop,
// thumbnail and record; a checkpoint and its run) commit in one transaction: a tab closed at any
// moment leaves the state before or after, never between. Opening it also moves the data of the
// earlier layout (one idb-keyval database per store) in, once (legacy-migration.ts). Nothing
// outside src/storage touches IndexedDB.

import { openDB } from 'idb';
import { migrateLegacyStores } from './legacy-migration';
import {
  DB_NAME,
  DB_VERSION,
  STORE_NAMES,
  type FaceStudioDatabase,
  type FaceStudioSchema,
} from './schema';

let opening: Promise<FaceStudioDatabase> | null = null;

async function open(): Promise<FaceStudioDatabase> {
  const db = await openDB<FaceStudioSchema>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      // Version 0 → 1: create every store. Later versions add their steps below this one.
      if (oldVersion < 1) {
        for (const name of [...STORE_NAMES, 'meta'] as const) database.createObjectStore(name);
      }
    },
    blocking() {
      // A newer version is opening in another tab: step aside so its upgrade can run.
      db.close();
      opening = null;
    },
    terminated() {
      opening = null;
    },
  });
  await migrateLegacyStores(db);
  return db;
}

/** The database, opened (and upgraded, and the earlier layout moved in) once per realm. */
export function database(): Promise<FaceStudioDatabase> {
  opening ??= open().catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Closes the connection (tests reopen with a fresh database). */
export async function closeDatabase(): Promise<void> {
  const current = opening;
  opening = null;
  if (current) (await current.catch(() => null))?.close();
}
