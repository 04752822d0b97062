// How a stored face crop was made, which faces of a photo are kept, and what the user chose for
// photos without a face: shared by the screens, the store, the import and capture services, the
// workers and the face pipeline, so none of them takes these types from another's implementation.

import type { FaceBox } from '../vision/face-detector';

/** An image without a face: skip it, or keep its centred square. */
export type NoFacePolicy = 'skip' | 'centre';

/**
 * Which faces of a photo become crops: the largest (a photo filed under a person), or every
 * face, each its own crop (a photo going to Unsorted, where a group photo gives each face).
 */
export type FaceSelection = 'largest' | 'every';

export type CropOutcome =
  | { kind: 'aligned'; faces: number; score: number; box: FaceBox; eyeDistance: number }
  | { kind: 'centre'; faces: 0 };
