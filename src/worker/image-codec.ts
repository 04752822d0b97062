// Owns turning bytes into pixels and pixels into bytes in a worker: decoding an image (shrunk so
// its long side is at most 1600 px) and encoding a square crop as JPEG. Browser-only.

import { AppError } from '../lib/errors';

const JPEG_QUALITY = 0.92;
const MAX_DECODED_SIDE = 1600;

export async function encodeSquare(
  source: ImageBitmap | OffscreenCanvas,
  size: number,
): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, size, size);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
}

/** Decodes an image, shrunk (never enlarged) so its long side is at most `maxSide`. */
export async function decodeImage(
  blob: Blob,
  width: number,
  height: number,
  name: string,
  format = 'image',
  maxSide = MAX_DECODED_SIDE,
): Promise<ImageBitmap> {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  // One side only: the browser applies the photo's EXIF orientation before resizing, so the
  // header's width may be the picture's height; given one side it keeps the aspect ratio.
  const resize =
    width >= height
      ? { resizeWidth: Math.round(width * scale) }
      : { resizeHeight: Math.round(height * scale) };
  try {
    return scale < 1
      ? await createImageBitmap(blob, { ...resize, resizeQuality: 'high' })
      : await createImageBitmap(blob);
  } catch {
    throw new AppError(
      'corrupt-image',
      `${name}: the ${format === 'image' ? 'image' : format.toUpperCase()} data is damaged and cannot be decoded.`,
    );
  }
}
