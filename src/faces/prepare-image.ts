// Turns one image file into what the studio stores: validate the bytes, hash them, decode
// (off the main thread, in the import worker; at most 1600 px on the long side), find and align
// the largest face or every face (face-crop.ts), encode each 128×128 crop as JPEG with a 64×64
// thumbnail, and keep the photo itself shrunk to at most 800 px.
// Browser-only: uses createImageBitmap and OffscreenCanvas.

import { contentHash } from '../lib/content-hash';
import type { CropOutcome, FaceSelection, NoFacePolicy } from '../domain/face-crop-outcome';
import type { FaceBox } from '../vision/face-detector';
import { cropFaces } from './face-crop';
import { decodeImageFile, encodePhoto, encodeStoredCrop } from './image-codec';
import { ensureInferenceBackend } from '../backends/inference-backend';

/** One crop of a photo: its encoded crop and thumbnail, and how it was made. */
export interface PreparedFace {
  /** 128×128 face crop, JPEG. */
  crop: Blob;
  /** 64×64 thumbnail, JPEG. */
  thumb: Blob;
  /**
   * The aligned face (its box in the photo's own pixels, `width` × `height` as shown) or the
   * centred square when none was found.
   */
  face: CropOutcome;
}

/** An image ready to store: its file's facts, the kept photo, and the crops taken from it. */
export interface PreparedImage {
  /** SHA-256 of the file's bytes. */
  hash: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  /** The photo shrunk to at most 800 px on the long side, JPEG. */
  photo: Blob;
  /** Faces the detector found in the photo (0 when none). */
  facesFound: number;
  /**
   * The crops, never empty: the largest face ('largest'), every face largest first ('every'),
   * or the centred square alone when no face was found and the policy keeps it.
   */
  faces: PreparedFace[];
}

/** A box in the decoded image's pixels, in the photo's own (the decode shrinks large photos). */
function scaleBox(box: FaceBox, scale: number): FaceBox {
  return {
    x: box.x * scale,
    y: box.y * scale,
    width: box.width * scale,
    height: box.height * scale,
  };
}

export async function prepareImage(
  file: Blob,
  name: string,
  noFace: NoFacePolicy,
  selection: FaceSelection,
): Promise<PreparedImage> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { info, image } = await decodeImageFile(bytes, name);
  try {
    const hash = await contentHash(bytes);
    await ensureInferenceBackend();
    const crops = await cropFaces(image, selection, noFace, name);
    // The long sides, so that a photo turned by its EXIF orientation scales the same.
    const scale = Math.max(info.width, info.height) / Math.max(image.width, image.height);
    const [faces, photo] = await Promise.all([
      Promise.all(
        crops.map(async ({ canvas, outcome }) => ({
          ...(await encodeStoredCrop(canvas)),
          face:
            outcome.kind === 'aligned'
              ? { ...outcome, box: scaleBox(outcome.box, scale) }
              : outcome,
        })),
      ),
      encodePhoto(image),
    ]);
    return {
      hash,
      format: info.format,
      width: info.width,
      height: info.height,
      bytes: bytes.length,
      photo,
      facesFound: crops[0]?.outcome.faces ?? 0,
      faces,
    };
  } finally {
    image.close();
  }
}
