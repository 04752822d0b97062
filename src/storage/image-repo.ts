// Images in IndexedDB: metadata in one store, the encoded crop and thumbnail in two others. A
// batch's crops, thumbnails and records are written in one transaction, so a full disk or a
// closed tab never leaves half an image behind: the batch is stored whole or not at all.

import { toAppError } from '../lib/errors';
import { commitAll } from './commit';
import { database } from './db';
import type { ImageRecord, StoredImage } from './records';

/** The stores that hold an image: its record, its crop and its thumbnail, keyed by its id. */
export const IMAGE_STORES = ['images', 'crops', 'thumbs'] as const;

export async function listImages(): Promise<ImageRecord[]> {
  return (await database()).getAll('images');
}

export async function saveImages(batch: readonly StoredImage[]): Promise<void> {
  if (batch.length === 0) return;
  try {
    const tx = (await database()).transaction(IMAGE_STORES, 'readwrite');
    await commitAll(tx, (tx, add) => {
      for (const item of batch) {
        add(tx.objectStore('crops').put(item.crop, item.record.id));
        add(tx.objectStore('thumbs').put(item.thumb, item.record.id));
        add(tx.objectStore('images').put(item.record, item.record.id));
      }
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function updateImages(records: readonly ImageRecord[]): Promise<void> {
  if (records.length === 0) return;
  try {
    const tx = (await database()).transaction('images', 'readwrite');
    await commitAll(tx, (tx, add) => {
      for (const r of records) add(tx.store.put(r, r.id));
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function deleteImages(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    const tx = (await database()).transaction(IMAGE_STORES, 'readwrite');
    await commitAll(tx, (tx, add) => {
      for (const id of ids) for (const store of IMAGE_STORES) add(tx.objectStore(store).delete(id));
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

/** Whole stored images (record, crop, thumbnail), e.g. to put back images a user deleted; ids
 *  no longer stored are left out. */
export async function readStoredImages(ids: readonly string[]): Promise<StoredImage[]> {
  const tx = (await database()).transaction(IMAGE_STORES, 'readonly');
  const read = await Promise.all(
    ids.map(async (id) => {
      const [record, crop, thumb] = await Promise.all([
        tx.objectStore('images').get(id),
        tx.objectStore('crops').get(id),
        tx.objectStore('thumbs').get(id),
      ]);
      return record && crop && thumb ? { record, crop, thumb } : null;
    }),
  );
  await tx.done;
  return read.filter((item): item is StoredImage => item !== null);
}

export async function getThumb(id: string): Promise<Blob | undefined> {
  return (await database()).get('thumbs', id);
}

export async function getCrops(ids: readonly string[]): Promise<(Blob | undefined)[]> {
  const tx = (await database()).transaction('crops', 'readonly');
  const crops = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  return crops;
}
