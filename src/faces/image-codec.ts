// Owns turning bytes into pixels and pixels into bytes in a worker: decoding an image (shrunk so
// its long side is at most 1600 px), encoding a square crop as JPEG (the stored face crop and
// its thumbnail), and the kept copy of the source photo (at most 800 px, JPEG). Browser-only.

import { AppError } from '../lib/errors';
import { CROP_SIZE, THUMB_SIZE } from '../vision/face-template';
import { inspectImage, mimeType, type ImageInfo } from '../vision/image-format';

const JPEG_QUALITY = 0.92;
const MAX_DECODED_SIDE = 1600;
/** The kept source photo: large enough to see who is in it and where, small enough to keep many. */
export const PHOTO_MAX_SIDE = 800;
const PHOTO_JPEG_QUALITY = 0.85;

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

/** The source photo as the studio keeps it: shrunk (never enlarged) to at most 800 px, JPEG. */
export async function encodePhoto(image: ImageBitmap): Promise<Blob> {
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(image.width, image.height));
  const canvas = new OffscreenCanvas(
    Math.max(1, Math.round(image.width * scale)),
    Math.max(1, Math.round(image.height * scale)),
  );
  const context = canvas.getContext('2d');
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY });
}

/** What the studio stores of one face: the crop the network trains on and its thumbnail. */
export async function encodeStoredCrop(
  canvas: OffscreenCanvas,
): Promise<{ crop: Blob; thumb: Blob }> {
  const [crop, thumb] = await Promise.all([
    encodeSquare(canvas, CROP_SIZE),
    encodeSquare(canvas, THUMB_SIZE),
  ]);
  return { crop, thumb };
}

/** Checks an image file's bytes (image-format.ts: a clear error for each bad case) and decodes it. */
export async function decodeImageFile(
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
): Promise<{ info: ImageInfo; image: ImageBitmap }> {
  const info = inspectImage(bytes, name);
  const blob = new Blob([bytes], { type: mimeType(info.format) });
  return { info, image: await decodeImage(blob, info.width, info.height, name, info.format) };
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
