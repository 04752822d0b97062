// Turns one image file into what the studio stores: validate the bytes, hash them, decode
// (off the main thread, in the import worker; at most 1600 px on the long side), find and align
// the face (face-crop.ts), encode the 128×128 crop as JPEG, and make a 64×64 thumbnail.
// Browser-only: uses createImageBitmap and OffscreenCanvas.

import { contentHash } from '../lib/content-hash';
import { AppError } from '../lib/errors';
import { CROP_SIZE, THUMB_SIZE } from '../vision/face-template';
import { inspectImage, mimeType } from '../vision/image-format';
import { cropFace, type NoFacePolicy } from './face-crop';
import type { PreparedImage } from './import-protocol';
import { ensureInferenceBackend } from './inference-backend';

const JPEG_QUALITY = 0.92;
const MAX_DECODED_SIDE = 1600;

export async function encodeSquare(source: ImageBitmap | OffscreenCanvas, size: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, size, size);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
}

/** Decodes an image, shrunk (never enlarged) so its long side is at most `maxSide`. */
export async function decodeImage(blob: Blob, width: number, height: number, name: string, format = 'image', maxSide = MAX_DECODED_SIDE): Promise<ImageBitmap> {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  // One side only: the browser applies the photo's EXIF orientation before resizing, so the
  // header's width may be the picture's height; given one side it keeps the aspect ratio.
  const resize = width >= height ? { resizeWidth: Math.round(width * scale) } : { resizeHeight: Math.round(height * scale) };
  try {
    return scale < 1 ? await createImageBitmap(blob, { ...resize, resizeQuality: 'high' }) : await createImageBitmap(blob);
  } catch {
    throw new AppError('corrupt-image', `${name}: the ${format === 'image' ? 'image' : format.toUpperCase()} data is damaged and cannot be decoded.`);
  }
}

export async function prepareImage(file: Blob, name: string, noFace: NoFacePolicy): Promise<PreparedImage> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = inspectImage(bytes, name);
  const hash = await contentHash(bytes);
  await ensureInferenceBackend();
  const image = await decodeImage(new Blob([bytes], { type: mimeType(info.format) }), info.width, info.height, name, info.format);
  try {
    const { canvas, outcome } = await cropFace(image, noFace, name);
    const crop = await encodeSquare(canvas, CROP_SIZE);
    const thumb = await encodeSquare(canvas, THUMB_SIZE);
    return { hash, format: info.format, width: info.width, height: info.height, bytes: bytes.length, crop, thumb, face: outcome };
  } finally {
    image.close();
  }
}
