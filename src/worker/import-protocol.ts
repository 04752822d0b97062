// Messages between the page and the image-import worker. The page sends a file; the worker
// checks it, hashes it, decodes it, finds and aligns the face, and answers with the encoded
// crop and thumbnail.

import type { SerializedError } from '../lib/errors';
import type { CropOutcome, NoFacePolicy } from './face-crop';

export interface PreparedImage {
  hash: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  /** 128×128 face crop, JPEG. */
  crop: Blob;
  /** 64×64 thumbnail, JPEG. */
  thumb: Blob;
  /** How the crop was made: the aligned largest face, or the centred square when none was found. */
  face: CropOutcome;
}

export type ToImportWorker = { type: 'prepare'; jobId: number; file: Blob; name: string; noFace: NoFacePolicy };

export type FromImportWorker =
  | { type: 'prepared'; jobId: number; image: PreparedImage }
  | { type: 'failed'; jobId: number; error: SerializedError };
