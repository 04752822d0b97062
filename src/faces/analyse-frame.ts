// Owns what the capture worker does with one webcam frame: find the faces, align the largest,
// judge the frame (one face, large, sharp and bright enough: vision/face-quality.ts) and, when
// asked to keep it and it passes, encode it exactly as an imported image is stored.

import { contentHash } from '../lib/content-hash';
import type { FaceBox } from '../vision/face-detector';
import { assessFrame, greyFromRgba, type FrameQuality } from '../vision/face-quality';
import { CROP_SIZE } from '../vision/face-template';
import { eyeDistance } from '../vision/landmarks';
import { alignedCrop, findFaces } from './face-crop';
import { ensureInferenceBackend } from '../backends/inference-backend';
import { encodeStoredCrop } from './image-codec';

export interface CapturedFrame {
  hash: string;
  crop: Blob;
  thumb: Blob;
  width: number;
  height: number;
  bytes: number;
  faces: number;
}

export interface FrameAnalysis {
  /** Every face box, in the frame's pixels, largest first. */
  boxes: FaceBox[];
  quality: FrameQuality;
  /** Present when the frame was to be kept and passed every check. */
  kept: CapturedFrame | null;
}

export async function analyseFrame(frame: ImageBitmap, keep: boolean): Promise<FrameAnalysis> {
  await ensureInferenceBackend();
  const faces = await findFaces(frame);
  const boxes = faces.map((face) => face.box);
  const face = faces[0];
  if (!face) return { boxes, quality: assessFrame(0, 0, [], CROP_SIZE), kept: null };
  const canvas = alignedCrop(frame, face);
  const context = canvas.getContext('2d', {
    willReadFrequently: true,
  }) as OffscreenCanvasRenderingContext2D;
  const grey = greyFromRgba(context.getImageData(0, 0, CROP_SIZE, CROP_SIZE).data);
  const quality = assessFrame(faces.length, eyeDistance(face.five), grey, CROP_SIZE);
  if (!keep || quality.issues.length > 0) return { boxes, quality, kept: null };
  const { crop, thumb } = await encodeStoredCrop(canvas);
  const hash = await contentHash(new Uint8Array(await crop.arrayBuffer()));
  return {
    boxes,
    quality,
    kept: {
      hash,
      crop,
      thumb,
      width: frame.width,
      height: frame.height,
      bytes: crop.size,
      faces: faces.length,
    },
  };
}
