// Images in IndexedDB: metadata in one store, the encoded crop and thumbnail in two others.
// A batch writes the pixels first and the metadata last, and removes its own pixels if the
// metadata write fails, so a full disk never leaves half an image behind.

import { delMany, get, getMany, setMany, values } from 'idb-keyval';
import { toAppError } from '../lib/errors';
import { stores } from './db';
import type { ImageRecord, StoredImage } from './records';

export async function listImages(): Promise<ImageRecord[]> {
  return values<ImageRecord>(stores().images);
}

export async function saveImages(batch: readonly StoredImage[]): Promise<void> {
  if (batch.length === 0) return;
  const { images, crops, thumbs } = stores();
  const ids = batch.map((item) => item.record.id);
  try {
    await setMany(
      batch.map((item) => [item.record.id, item.crop]),
      crops,
    );
    await setMany(
      batch.map((item) => [item.record.id, item.thumb]),
      thumbs,
    );
    await setMany(
      batch.map((item) => [item.record.id, item.record]),
      images,
    );
  } catch (error) {
    await Promise.allSettled([delMany(ids, crops), delMany(ids, thumbs)]);
    throw toAppError(error, 'storage-failed');
  }
}

export async function updateImages(records: readonly ImageRecord[]): Promise<void> {
  try {
    await setMany(
      records.map((r) => [r.id, r]),
      stores().images,
    );
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function deleteImages(ids: readonly string[]): Promise<void> {
  const { images, crops, thumbs } = stores();
  // Metadata first: once it is gone the image no longer exists for the app.
  await delMany([...ids], images);
  await Promise.all([delMany([...ids], crops), delMany([...ids], thumbs)]);
}

export async function getThumb(id: string): Promise<Blob | undefined> {
  return get<Blob>(id, stores().thumbs);
}

export async function getCrops(ids: readonly string[]): Promise<(Blob | undefined)[]> {
  return getMany<Blob>([...ids], stores().crops);
}
