// Tests under fake-indexeddb start from an empty studio: the connection is closed and the
// database deleted, so the next repo call opens (and upgrades) a fresh one.

import { closeDatabase } from '../db';
import { DB_NAME } from '../schema';

export async function resetDatabase(): Promise<void> {
  await closeDatabase();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
