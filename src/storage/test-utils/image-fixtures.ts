// Test data of stored images: a record with plausible defaults (one imported photo, its own
// capture group, an aligned face), and the record with its crop and thumbnail as blobs.

import type { ImageRecord, StoredImage } from '../records';

export function imageRecord(
  id: string,
  identityId: string,
  overrides: Partial<ImageRecord> = {},
): ImageRecord {
  return {
    id,
    identityId,
    sourceName: `${identityId}/${id}.jpg`,
    hash: `hash-${id}`,
    width: 128,
    height: 128,
    format: 'jpeg',
    bytes: 1000,
    addedAt: 1,
    captureGroup: `grp-${id}`,
    crop: 'aligned',
    facesFound: 1,
    ...overrides,
  };
}

/** The record with blobs reading "crop <id>" and "thumb <id>". */
export function storedImage(record: ImageRecord): StoredImage {
  return {
    record,
    crop: new Blob([`crop ${record.id}`], { type: 'image/jpeg' }),
    thumb: new Blob([`thumb ${record.id}`], { type: 'image/jpeg' }),
  };
}
