// Turns one image file into what the studio stores: validate the bytes, hash them, decode
// (off the main thread, in the import worker), crop and resize to 128×128, encode as JPEG,
// and make a 64×64 thumbnail. Browser-only: uses createImageBitmap and OffscreenCanvas.

import { contentHash } from '../lib/content-hash';
import { AppError } from '../lib/errors';
import { CROP_SIZE, THUMB_SIZE, centredSquare } from '../vision/crop';
import { inspectImage, mimeType } from '../vision/image-format';
import type { PreparedImage } from './import-protocol';

const JPEG_QUALITY = 0.92;

async function encode(source: ImageBitmap | OffscreenCanvas, size: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, size, size);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
}

export async function prepareImage(file: Blob, name: string): Promise<PreparedImage> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = inspectImage(bytes, name);
  const hash = await contentHash(bytes);
  const typed = new Blob([bytes], { type: mimeType(info.format) });
  const box = centredSquare(info.width, info.height);
  let bitmap: ImageBitmap;
  try {
    // Crop and resize while decoding: the full-size image is never drawn on a canvas.
    bitmap = await createImageBitmap(typed, box.sx, box.sy, box.size, box.size, {
      resizeWidth: CROP_SIZE,
      resizeHeight: CROP_SIZE,
      resizeQuality: 'high',
    });
  } catch {
    throw new AppError(
      'corrupt-image',
      `${name}: the ${info.format.toUpperCase()} data is damaged and cannot be decoded.`,
    );
  }
  try {
    const crop = await encode(bitmap, CROP_SIZE);
    const thumb = await encode(bitmap, THUMB_SIZE);
    return { hash, format: info.format, width: info.width, height: info.height, bytes: bytes.length, crop, thumb };
  } finally {
    bitmap.close();
  }
}
