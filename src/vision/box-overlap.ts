// Owns how much two face boxes overlap (intersection over union): whether a live frame's face is
// the same face as the last frame's, so that their embeddings may be combined.

import type { FaceBox } from './face-detector';

/** Intersection over union of two boxes: 1 for the same box, 0 for boxes apart (or empty). */
export function boxOverlap(a: FaceBox, b: FaceBox): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (width <= 0 || height <= 0) return 0;
  const inter = width * height;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}
