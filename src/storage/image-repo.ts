// Images in IndexedDB: metadata in one store, the encoded crop and thumbnail in two others, and
// the source photo (shared by every crop taken from it) in a fourth. A batch's photos, crops,
// thumbnails and records are written in one transaction, so a full disk or a closed tab never
// leaves half an image behind: the batch is stored whole or not at all. Deleting images deletes
// a source photo in the same transaction once no remaining image refers to it.

import { toAppError } from '../lib/errors';
import { commitAll, commitInSlices } from './commit';
import { database } from './db';
import type { ImageRecord, StoredImage } from './records';
import { PHOTO_KEY_INDEX, type FaceStudioSchema } from './schema';
import type { IDBPTransaction, StoreNames } from 'idb';

/** The stores that hold an image: its record, its crop and its thumbnail, keyed by its id. */
export const IMAGE_STORES = ['images', 'crops', 'thumbs'] as const;
/** The stores a write or delete of images spans: its own, and the source photos. */
export const IMAGE_WRITE_STORES = [...IMAGE_STORES, 'photos'] as const;

type WriteTx = IDBPTransaction<FaceStudioSchema, StoreNames<FaceStudioSchema>[], 'readwrite'>;
type Add = (request: Promise<unknown>) => void;

export async function listImages(): Promise<ImageRecord[]> {
  return (await database()).getAll('images');
}

/**
 * How many images of a batch saveImages queues in one task (four writes each at most): an import
 * batch of 24 queued at once held the main thread about 25 ms for its clones.
 */
export const IMAGES_PER_SLICE = 6;

export async function saveImages(batch: readonly StoredImage[]): Promise<void> {
  if (batch.length === 0) return;
  try {
    const tx = (await database()).transaction(IMAGE_WRITE_STORES, 'readwrite');
    const photos = new Set<string>();
    await commitInSlices(
      tx,
      batch,
      (tx, item, add) => {
        const key = item.record.photoKey;
        if (item.photo) {
          if (key === undefined)
            throw new Error(`Image ${item.record.id} carries a photo but no photoKey.`);
          if (!photos.has(key)) add(tx.objectStore('photos').put(item.photo, key));
          photos.add(key);
        }
        add(tx.objectStore('crops').put(item.crop, item.record.id));
        add(tx.objectStore('thumbs').put(item.thumb, item.record.id));
        add(tx.objectStore('images').put(item.record, item.record.id));
      },
      IMAGES_PER_SLICE,
    );
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function updateImages(records: readonly ImageRecord[]): Promise<void> {
  if (records.length === 0) return;
  try {
    const tx = (await database()).transaction('images', 'readwrite');
    await commitInSlices(tx, records, (tx, r, add) => add(tx.store.put(r, r.id)));
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

/** The source photos the given images refer to, read inside `tx` before anything is deleted. */
export async function photoKeysOf(tx: WriteTx, ids: readonly string[]): Promise<Set<string>> {
  const images = tx.objectStore('images');
  const records = await Promise.all(ids.map((id) => images.get(id)));
  return new Set(records.flatMap((record) => record?.photoKey ?? []));
}

/**
 * Queues, in `tx`, the deletion of the images (record, crop, thumbnail) and then of each of
 * `photoKeys` that no image left refers to: the count runs after the deletes, in the same
 * transaction, so an image saved or kept elsewhere keeps its photo.
 */
export function queueImageDeletes(
  tx: WriteTx,
  add: Add,
  ids: readonly string[],
  photoKeys: ReadonlySet<string>,
): void {
  for (const id of ids) for (const store of IMAGE_STORES) add(tx.objectStore(store).delete(id));
  const byPhoto = tx.objectStore('images').index(PHOTO_KEY_INDEX);
  for (const key of photoKeys) {
    add(
      byPhoto
        .count(key)
        .then((left) => (left === 0 ? tx.objectStore('photos').delete(key) : undefined)),
    );
  }
}

export async function deleteImages(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    const tx = (await database()).transaction(IMAGE_WRITE_STORES, 'readwrite');
    const photoKeys = await photoKeysOf(tx, ids);
    await commitAll(tx, (tx, add) => queueImageDeletes(tx, add, ids, photoKeys));
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

/** Whole stored images (record, crop, thumbnail, and the source photo when kept), e.g. to put
 *  back images a user deleted; ids no longer stored are left out. */
export async function readStoredImages(ids: readonly string[]): Promise<StoredImage[]> {
  const tx = (await database()).transaction(IMAGE_WRITE_STORES, 'readonly');
  const read = await Promise.all(
    ids.map(async (id) => {
      const [record, crop, thumb] = await Promise.all([
        tx.objectStore('images').get(id),
        tx.objectStore('crops').get(id),
        tx.objectStore('thumbs').get(id),
      ]);
      if (!record || !crop || !thumb) return null;
      const photo = record.photoKey
        ? await tx.objectStore('photos').get(record.photoKey)
        : undefined;
      return photo ? { record, crop, thumb, photo } : { record, crop, thumb };
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

/** The source photo stored under `key` (ImageRecord.photoKey), or undefined. */
export async function getPhoto(key: string): Promise<Blob | undefined> {
  return (await database()).get('photos', key);
}
