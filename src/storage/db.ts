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
  PHOTO_KEY_INDEX,
  STORE_NAMES,
  type FaceStudioDatabase,
  type FaceStudioSchema,
} from './schema';

let opening: Promise<FaceStudioDatabase> | null = null;

async function open(): Promise<FaceStudioDatabase> {
  const db = await openDB<FaceStudioSchema>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      // Each step takes the version before it to its own; a new database runs them all. A step
      // only adds: every record stored before stays (storage/schema-upgrade.test.ts).
      if (oldVersion < 1) {
        for (const name of [...STORE_NAMES, 'meta'] as const) database.createObjectStore(name);
      }
      if (oldVersion < 2) {
        database.createObjectStore('photos');
        transaction.objectStore('images').createIndex(PHOTO_KEY_INDEX, 'photoKey');
      }
      if (oldVersion < 3) database.createObjectStore('models');
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
