// Messages between the page and the image-import worker. The page sends a file; the worker
// checks it, hashes it, decodes it, finds and aligns the face, and answers with the encoded
// crop and thumbnail. The Capture screen sends webcam frames to one such worker the same way.

import type { SerializedError } from '../lib/errors';
import type { FrameAnalysis } from '../faces/analyse-frame';
import type { NoFacePolicy } from '../domain/face-crop-outcome';
import type { PreparedImage } from '../faces/prepare-image';

export type { PreparedImage };

export type ToImportWorker =
  | { type: 'prepare'; jobId: number; file: Blob; name: string; noFace: NoFacePolicy }
  /** A webcam frame (transferred) to judge and, with `keep`, to store if it passes. */
  | { type: 'analyse-frame'; jobId: number; frame: ImageBitmap; keep: boolean };

export type FromImportWorker =
  | { type: 'prepared'; jobId: number; image: PreparedImage }
  | { type: 'analysed'; jobId: number; analysis: FrameAnalysis }
  | { type: 'failed'; jobId: number; error: SerializedError };
