// Crop geometry: where the square face crop sits in a source image. Until face detection
// exists this is the centred square; the detector will supply an aligned box through the
// same shape, so every caller (import, training, evaluation, verify) crops the same way.

export const CROP_SIZE = 128;
export const THUMB_SIZE = 64;

export interface CropBox {
  sx: number;
  sy: number;
  size: number;
}

/** The largest centred square of a `width`×`height` image. */
export function centredSquare(width: number, height: number): CropBox {
  const size = Math.min(width, height);
  return {
    sx: Math.floor((width - size) / 2),
    sy: Math.floor((height - size) / 2),
    size,
  };
}
