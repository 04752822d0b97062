// Owns the squares the face search reads around a face's box: the landmark net's square and
// `detectNear`'s region. The detector reads them; the part of a live frame that is read
// (frame-region.ts) must hold them.

import type { FaceBox } from './face-detector';

/**
 * `detectNear`'s region: a square this many times the last box's longer side, centred on it (a
 * face can move 0.4 of its width between frames and stay whole inside), resampled to
 * 192 pixels a side, where the detector looks at 192 (face-detector.ts). Measured on dev-lfw10to19 (163
 * photos in 640×480 frames, the face moved 27 px; face-detector-lfw.test.ts): faces found in all,
 * aligned eyes 1.95 px from the template against 1.97 for a search of the whole frame, at 0.55 of
 * its time (scale 2 at 160 pixels: 2.12 px; 1.6 at 160: 97.5 % found). Since the whole-frame
 * search tries 256 px first: 1.98 px against 2.12, 24 ms against 31; and 1.8 at 160 pixels gave
 * 2.10 px at 18–19 ms against 23–26, so the region stays at 192. The landmarks are placed in the
 * image itself, as for `detect`.
 */
export const REGION_SCALE = 1.8;

/** The landmark net's square: this many times the box's longer side, centred on it. */
export const LANDMARK_SCALE = 1.1;

/** The square `scale` times `box`'s longer side, centred on it. */
export function squareAround(box: FaceBox, scale: number): FaceBox {
  const side = Math.max(box.width, box.height) * scale;
  return {
    x: box.x + box.width / 2 - side / 2,
    y: box.y + box.height / 2 - side / 2,
    width: side,
    height: side,
  };
}
