// The shapes of what Face Studio stores: identities (people) and image metadata.

import type { SplitPart } from '../ml/split';

export interface IdentityRecord {
  id: string;
  name: string;
  createdAt: number;
}

export interface ImageRecord {
  id: string;
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
}
