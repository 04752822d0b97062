// Owns what one imported photo becomes in storage: an image record per crop (the largest face
// under a person or in Strangers; in Unsorted every face, each with which face it is), all
// sharing the photo's capture group (a stranger's folder's, when given) and its kept copy
// (photoKey: the file's content hash), and the tally of how the crops were made that the import
// summary shows.

import { newId } from '../lib/ids';
import { STRANGERS_ID, UNSORTED_ID, type ImageRecord, type StoredImage } from '../storage/records';
import type { PreparedImage } from '../faces/prepare-image';

/** How the stored crops of one import were made. */
export interface FaceCounts {
  /** Crops of an aligned face (in Unsorted, every face of a photo counts). */
  aligned: number;
  /** Photos filed under a person with several faces: the largest was aligned (in `aligned` too). */
  severalFaces: number;
  /** No face found; the centred square was kept, as chosen. */
  centred: number;
  /** No face found; skipped, as chosen (counted in `skipped` too). */
  skippedNoFace: number;
  /** Crops that went to Unsorted: every face of each photo, or its centred square. */
  unsorted: number;
  /** Of those, the faces of photos with several faces (group photos). */
  unsortedFromGroups: number;
  /** Crops that went to Strangers (the largest face of each photo). */
  strangers: number;
}

export function noFaceCounts(): FaceCounts {
  return {
    aligned: 0,
    severalFaces: 0,
    centred: 0,
    skippedNoFace: 0,
    unsorted: 0,
    unsortedFromGroups: 0,
    strangers: 0,
  };
}

/**
 * The images to store for one prepared photo under `identityId` (a person's id, UNSORTED_ID or
 * STRANGERS_ID), its crops in the order prepared (largest face first); `counts` is updated.
 * `group` is the capture group to share (one stranger's folder); by default the photo's own.
 */
export function imagesOfPhoto(
  image: PreparedImage,
  identityId: string,
  sourceName: string,
  counts: FaceCounts,
  group: string | null = null,
): StoredImage[] {
  const unsorted = identityId === UNSORTED_ID;
  const captureGroup = group ?? newId('grp');
  const addedAt = Date.now();
  if (!unsorted && image.facesFound > 1) counts.severalFaces++;
  return image.faces.map(({ crop, thumb, face }, index) => {
    const record: ImageRecord = {
      id: newId('img'),
      identityId,
      sourceName,
      hash: image.hash,
      width: image.width,
      height: image.height,
      format: image.format,
      bytes: image.bytes,
      addedAt,
      captureGroup,
      crop: face.kind,
      facesFound: image.facesFound,
      photoKey: image.hash,
    };
    if (face.kind === 'aligned') {
      record.faceBox = face.box;
      if (unsorted) record.faceIndex = index;
      counts.aligned++;
    } else {
      counts.centred++;
    }
    if (identityId === STRANGERS_ID) counts.strangers++;
    if (unsorted) {
      counts.unsorted++;
      if (image.facesFound > 1) counts.unsortedFromGroups++;
    }
    return { record, crop, thumb, photo: image.photo };
  });
}
