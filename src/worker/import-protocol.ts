// Messages between the page and the image-import worker. The page sends a file and which faces
// to keep; the worker checks it, hashes it, decodes it, finds and aligns the largest face or
// every face, and answers with each encoded crop and thumbnail and the shrunk photo. The
// Capture screen sends webcam frames to one such worker the same way.

import type { SerializedError } from '../lib/errors';
import type { FrameAnalysis } from '../faces/analyse-frame';
import type { FaceSelection, NoFacePolicy } from '../domain/face-crop-outcome';
import type { PreparedFace, PreparedImage } from '../faces/prepare-image';

export type { PreparedFace, PreparedImage };

export type ToImportWorker =
  | {
      type: 'prepare';
      jobId: number;
      file: Blob;
      name: string;
      noFace: NoFacePolicy;
      /** The largest face (a photo filed under a person) or every face (a photo for Unsorted). */
      faces: FaceSelection;
    }
  /** A webcam frame (transferred) to judge and, with `keep`, to store if it passes. */
  | { type: 'analyse-frame'; jobId: number; frame: ImageBitmap; keep: boolean };

export type FromImportWorker =
  | { type: 'prepared'; jobId: number; image: PreparedImage }
  | { type: 'analysed'; jobId: number; analysis: FrameAnalysis }
  | { type: 'failed'; jobId: number; error: SerializedError };
