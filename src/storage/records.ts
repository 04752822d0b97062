// The shapes of what Face Studio stores: identities (people) and image metadata.

import type { SplitPart } from '../ml/split';
import type { FaceBox } from '../vision/face-detector';

export interface IdentityRecord {
  id: string;
  name: string;
  createdAt: number;
}

/**
 * The `identityId` of an image not yet given to a person: it sits in the Unsorted tray, is never
 * a class of a run, and is never an identity's id (those are `person-…`).
 */
export const UNSORTED_ID = 'unsorted';

/**
 * The `identityId` of a stranger: a face of someone who should be rejected ("unknown"). Strangers
 * are never a class and never trained on; they are split into val (to choose the open-set
 * threshold) and test (to measure false alarms) only (ml/split.ts `strangerParts`). Photos of one
 * stranger imported from their own folder share a `captureGroup`, so they land in one part.
 */
export const STRANGERS_ID = 'strangers';

export interface ImageRecord {
  id: string;
  /** The person the image belongs to, UNSORTED_ID or STRANGERS_ID. */
  identityId: string;
  /** The file name (or relative path) the image came from. */
  sourceName: string;
  /** SHA-256 of the original file's bytes. */
  hash: string;
  /** Pixel size of the original image. */
  width: number;
  height: number;
  format: string;
  /** Size of the original file in bytes. */
  bytes: number;
  addedAt: number;
  /** Images of one webcam burst share a group; an imported photo is a group of its own. */
  captureGroup: string;
  /** How the crop was made: the largest face aligned to the template, or the centred square. */
  crop: 'aligned' | 'centre';
  /** Faces found in the original (0 for a centred crop); absent on images stored before detection. */
  facesFound?: number;
  /**
   * Which face of its source photo this crop is (0 = the largest), when every face of the photo
   * was kept as its own crop (photos imported into Unsorted); absent, the largest face.
   */
  faceIndex?: number;
  /**
   * Where the face was found in the source photo, in its pixels (`width` × `height`, the way the
   * photo is shown: EXIF orientation applied, so a rotated photo's box has its sides swapped
   * against the header's); absent for centred crops and older images. On the stored photo
   * (photos store), scale by its long side / max(width, height).
   */
  faceBox?: FaceBox;
  /**
   * Key of the source photo (downscaled) in the `photos` store, shared by every crop taken from
   * it; absent for webcam frames and images stored before source photos were kept.
   */
  photoKey?: string;
  /**
   * The train/val/test part given on import (a dataset zip's manifest, `npm run eval --split`);
   * absent, the folder-v1 split decides.
   */
  split?: SplitPart;
}

/** A ready-to-store image: metadata plus the encoded crop and thumbnail. */
export interface StoredImage {
  record: ImageRecord;
  crop: Blob;
  thumb: Blob;
  /**
   * The downscaled source photo, stored under `record.photoKey` (required with it); crops of one
   * photo in one batch may each carry it, and it is written once.
   */
  photo?: Blob;
}
