// Owns the one function that turns a decoded image into the face crop Face Studio stores,
// trains on and embeds: find the faces (on a copy at most 640 px wide), take the largest, and
// draw the image through the similarity transform that puts its landmarks on the template, so
// the eyes land on the same pixels of every 128×128 crop. Without a face, the caller's policy
// decides: skip the image or keep its centred square. Import, webcam capture and Verify all
// call `cropFace` (webcam frames `alignedCrop`). Browser-only (OffscreenCanvas, createImageBitmap).

import * as tf from '@tensorflow/tfjs';
import { AppError } from '../lib/errors';
import type { DetectedFace, FaceBox } from '../vision/face-detector';
import { CROP_SIZE, templateAt } from '../vision/face-template';
import { eyeDistance } from '../vision/landmarks';
import { centredSquareTransform, estimateSimilarity, type Affine } from '../vision/similarity-transform';
import { faceDetector } from './face-models';

export type NoFacePolicy = 'skip' | 'centre';

export type CropOutcome =
  | { kind: 'aligned'; faces: number; score: number; box: FaceBox; eyeDistance: number }
  | { kind: 'centre'; faces: 0 };

export interface FaceCrop {
  canvas: OffscreenCanvas; // 128×128
  outcome: CropOutcome;
}

const DETECTION_SIDE = 640;

/** Draws `source` through `transform` onto a size×size canvas (grey where the source ends). */
export function drawCrop(source: CanvasImageSource, transform: Affine, size = CROP_SIZE): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  context.fillStyle = '#808080';
  context.fillRect(0, 0, size, size);
  context.imageSmoothingQuality = 'high';
  context.setTransform(transform.a, transform.b, transform.c, transform.d, transform.e, transform.f);
  context.drawImage(source, 0, 0);
  return canvas;
}

/** The faces in a decoded image, in its own pixels, largest first. */
export async function findFaces(image: ImageBitmap): Promise<DetectedFace[]> {
  const detector = await faceDetector();
  const scale = Math.min(1, DETECTION_SIDE / Math.max(image.width, image.height));
  const small =
    scale < 1
      ? await createImageBitmap(image, { resizeWidth: Math.round(image.width * scale), resizeHeight: Math.round(image.height * scale), resizeQuality: 'medium' })
      : image;
  const pixels = tf.browser.fromPixels(small); // [h, w, 3]
  if (small !== image) small.close();
  try {
    const faces = await detector.detect(pixels);
    if (scale === 1) return faces;
    const up = (p: { x: number; y: number }) => ({ x: p.x / scale, y: p.y / scale });
    return faces.map((face) => ({
      ...face,
      box: { x: face.box.x / scale, y: face.box.y / scale, width: face.box.width / scale, height: face.box.height / scale },
      five: face.five.map(up) as unknown as DetectedFace['five'],
      landmarks: face.landmarks.map(up),
    }));
  } finally {
    pixels.dispose();
  }
}

/** The crop of one detected face, its landmarks on the template. */
export function alignedCrop(image: CanvasImageSource, face: DetectedFace): OffscreenCanvas {
  return drawCrop(image, estimateSimilarity(face.five, templateAt(CROP_SIZE)));
}

/** The aligned crop of the largest face, or per `noFace` the centred square or an error. */
export async function cropFace(image: ImageBitmap, noFace: NoFacePolicy, name: string): Promise<FaceCrop> {
  const faces = await findFaces(image);
  const face = faces[0];
  if (!face) {
    if (noFace === 'skip') throw new AppError('no-face', `${name}: no face found (skipped, as chosen for images without a face).`);
    return { canvas: drawCrop(image, centredSquareTransform(image.width, image.height, CROP_SIZE)), outcome: { kind: 'centre', faces: 0 } };
  }
  return {
    canvas: alignedCrop(image, face),
    outcome: { kind: 'aligned', faces: faces.length, score: face.score, box: face.box, eyeDistance: eyeDistance(face.five) },
  };
}
