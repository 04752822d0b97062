// Owns reading a face crop into pixels: a stored crop's JPEG decoded and resized to a network's
// input, as RGB bytes, or a crop canvas read directly. The training worker decodes its run's
// crops with it, Verify a photo's crop (live Verify a frame's canvas), and the labelling worker
// the crops it embeds. Browser-only (createImageBitmap).

import { readableContext } from './readable-canvas';

/** Decodes a stored crop, resized to size×size, into `out` at `offset` as RGB bytes. */
export async function decodeCropPixels(
  blob: Blob,
  size: number,
  out: Uint8Array,
  offset: number,
): Promise<void> {
  const bitmap = await createImageBitmap(blob, {
    resizeWidth: size,
    resizeHeight: size,
    resizeQuality: 'high',
  });
  try {
    cropCanvasPixels(bitmap, size, out, offset);
  } finally {
    bitmap.close();
  }
}

/**
 * A crop not stored (a live Verify frame's, straight from its canvas), resized to size×size into
 * `out` at `offset` as RGB bytes: the JPEG round trip of a stored crop saved.
 */
export function cropCanvasPixels(
  crop: ImageBitmap | OffscreenCanvas,
  size: number,
  out: Uint8Array,
  offset: number,
): void {
  const context = readableContext(size, size);
  context.imageSmoothingQuality = 'high';
  context.drawImage(crop, 0, 0, size, size);
  copyRgb(context.getImageData(0, 0, size, size).data, out, offset);
}

/** A canvas's RGBA pixels as RGB into `out` from `offset` (alpha dropped). */
export function copyRgb(
  rgba: Uint8ClampedArray,
  out: Uint8Array | Float32Array,
  offset: number,
): void {
  for (let p = 0, q = offset; p < rgba.length; p += 4, q += 3) {
    out[q] = rgba[p] as number;
    out[q + 1] = rgba[p + 1] as number;
    out[q + 2] = rgba[p + 2] as number;
  }
}
