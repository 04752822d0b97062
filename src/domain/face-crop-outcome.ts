// How a stored face crop was made, and what the user chose for photos without a face: shared by
// the screens, the store, the import and capture services, the workers and the face pipeline,
// so none of them takes these types from another's implementation.

import type { FaceBox } from '../vision/face-detector';

/** An image without a face: skip it, or keep its centred square. */
export type NoFacePolicy = 'skip' | 'centre';

export type CropOutcome =
  | { kind: 'aligned'; faces: number; score: number; box: FaceBox; eyeDistance: number }
  | { kind: 'centre'; faces: 0 };
