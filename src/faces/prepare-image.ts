// Turns one image file into what the studio stores: validate the bytes, hash them, decode
// (off the main thread, in the import worker; at most 1600 px on the long side), find and align
// the face (face-crop.ts), encode the 128×128 crop as JPEG, and make a 64×64 thumbnail.
// Browser-only: uses createImageBitmap and OffscreenCanvas.

import { contentHash } from '../lib/content-hash';
import type { CropOutcome, NoFacePolicy } from '../domain/face-crop-outcome';
import { cropFace } from './face-crop';
import { decodeImageFile, encodeStoredCrop } from './image-codec';
import { ensureInferenceBackend } from '../backends/inference-backend';

/** An image ready to store: its file's facts, the encoded crop and thumbnail, and how the face was found. */
export interface PreparedImage {
  hash: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  /** 128×128 face crop, JPEG. */
  crop: Blob;
  /** 64×64 thumbnail, JPEG. */
  thumb: Blob;
  /** How the crop was made: the aligned largest face, or the centred square when none was found. */
  face: CropOutcome;
}

export async function prepareImage(
  file: Blob,
  name: string,
  noFace: NoFacePolicy,
): Promise<PreparedImage> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { info, image } = await decodeImageFile(bytes, name);
  try {
    const hash = await contentHash(bytes);
    await ensureInferenceBackend();
    const { canvas, outcome } = await cropFace(image, noFace, name);
    const { crop, thumb } = await encodeStoredCrop(canvas);
    return {
      hash,
      format: info.format,
      width: info.width,
      height: info.height,
      bytes: bytes.length,
      crop,
      thumb,
      face: outcome,
    };
  } finally {
    image.close();
  }
}
