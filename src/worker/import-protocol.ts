// Messages between the page and the image-import worker. The page sends a file; the worker
// checks it, hashes it, decodes it, finds and aligns the face, and answers with the encoded
// crop and thumbnail. The Capture screen sends webcam frames to one such worker the same way.

import type { SerializedError } from '../lib/errors';
import type { FrameAnalysis } from '../faces/analyse-frame';
import type { CropOutcome, NoFacePolicy } from '../domain/face-crop-outcome';

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

export type ToImportWorker =
  | { type: 'prepare'; jobId: number; file: Blob; name: string; noFace: NoFacePolicy }
  /** A webcam frame (transferred) to judge and, with `keep`, to store if it passes. */
  | { type: 'analyse-frame'; jobId: number; frame: ImageBitmap; keep: boolean };

export type FromImportWorker =
  | { type: 'prepared'; jobId: number; image: PreparedImage }
  | { type: 'analysed'; jobId: number; analysis: FrameAnalysis }
  | { type: 'failed'; jobId: number; error: SerializedError };
