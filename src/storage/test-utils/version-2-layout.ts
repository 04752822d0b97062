// Writes a studio the way schema version 2 stored it (src/storage/db.ts before the models
// store): one database 'face-studio' at version 2 with the seven data stores, `meta` and
// `photos`, `images` indexed by photoKey, no `models`. The upgrade test opens it with today's code.

import { openDB } from 'idb';
import { DB_NAME, PHOTO_KEY_INDEX } from '../schema';
import { version1Puts, type Version1Studio } from './version-1-layout';

export interface Version2Studio extends Version1Studio {
  photos: { key: string; photo: Blob }[];
}

const VERSION_2_STORES = [
  'identities',
  'images',
  'crops',
  'thumbs',
  'runs',
  'checkpoints',
  'evaluations',
  'meta',
  'photos',
];

/** Writes the studio at version 2 and closes the connection (as closing the old tab did). */
export async function writeVersion2Studio(studio: Version2Studio): Promise<void> {
  const db = await openDB(DB_NAME, 2, {
    upgrade(database) {
      for (const name of VERSION_2_STORES) {
        const store = database.createObjectStore(name);
        if (name === 'images') store.createIndex(PHOTO_KEY_INDEX, 'photoKey');
      }
    },
  });
  try {
    const tx = db.transaction(VERSION_2_STORES, 'readwrite');
    const put = (store: string, value: unknown, key: string) =>
      tx.objectStore(store).put(value, key);
    await Promise.all([
      ...version1Puts(studio, put),
      ...studio.photos.map((p) => put('photos', p.photo, p.key)),
      tx.done,
    ]);
  } finally {
    db.close();
  }
}
