// The one code path that writes new images: import, webcam capture and project import store
// each batch's crops, thumbnails and records through it, so how an image is stored is decided
// in one place (a lint rule keeps storage's saveImages to this file).

import { saveImages } from '../storage/image-repo';
import type { ImageRecord, StoredImage } from '../storage/records';

/**
 * Stores a batch (pixels first, the record last; nothing of a failed batch stays) and returns
 * the records now stored. A full disk rejects with a 'storage-failed' AppError.
 */
export async function addImages(batch: readonly StoredImage[]): Promise<ImageRecord[]> {
  await saveImages(batch);
  return batch.map((item) => item.record);
}
