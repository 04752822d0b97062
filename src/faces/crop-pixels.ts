// Owns reading a stored face crop back into pixels: the JPEG decoded and resized to a network's
// input, as RGB bytes. The training worker decodes its run's crops with it, Verify a photo's
// crop, and the labelling worker the crops it embeds. Browser-only (createImageBitmap).

import { AppError } from '../lib/errors';

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
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images in a worker.');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = context.getImageData(0, 0, size, size).data;
  for (let p = 0, q = offset; p < rgba.length; p += 4, q += 3) {
    out[q] = rgba[p] as number;
    out[q + 1] = rgba[p + 1] as number;
    out[q + 2] = rgba[p + 2] as number;
  }
}
