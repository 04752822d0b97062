// Owns turning a decoded image into the face crops Face Studio stores, trains on and embeds:
// find the faces (on a copy at most 640 px wide), take the largest (or, for Unsorted, every one),
// and draw the image through the similarity transform that puts each face's landmarks on the
// template, so the eyes land on the same pixels of every 128×128 crop. Without a face, the
// caller's policy decides: skip the image or keep its centred square. Import calls `cropFaces`,
// Verify `cropFace` (live Verify with the last frame's box, to look near it first; `faceNear` to
// look near it only, `followFace` with its landmarks, to follow it without a detector), webcam
// capture `alignedCrop`. Browser-only (OffscreenCanvas, createImageBitmap).

import * as tf from '@tensorflow/tfjs';
import type { CropOutcome, FaceSelection, NoFacePolicy } from '../domain/face-crop-outcome';
import { AppError } from '../lib/errors';
import type { DetectOptions, DetectedFace, FaceBox } from '../vision/face-detector';
import { CROP_SIZE, templateAt } from '../vision/face-template';
import { eyeDistance } from '../vision/landmarks';
import {
  centredSquareTransform,
  estimateSimilarity,
  type Affine,
} from '../vision/similarity-transform';
import { bitmapPixels } from './bitmap-pixels';
import { faceDetector } from './face-models';

/** A decoded image or a video frame drawn into a canvas made for reading. */
export type FrameImage = ImageBitmap | OffscreenCanvas;

export interface FaceCrop {
  canvas: OffscreenCanvas; // 128×128
  outcome: CropOutcome;
  /** The face the crop was aligned on; null for a centred square. */
  face: DetectedFace | null;
}

const DETECTION_SIDE = 640;

/** Draws `source` through `transform` onto a size×size canvas (grey where the source ends). */
export function drawCrop(
  source: CanvasImageSource,
  transform: Affine,
  size = CROP_SIZE,
): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  context.fillStyle = '#808080';
  context.fillRect(0, 0, size, size);
  context.imageSmoothingQuality = 'high';
  context.setTransform(
    transform.a,
    transform.b,
    transform.c,
    transform.d,
    transform.e,
    transform.f,
  );
  context.drawImage(source, 0, 0);
  return canvas;
}

/**
 * The faces in `image` placed on a grey border `pad` pixels wide, found on a copy at most 640 px
 * wide, in the image's own pixels.
 */
async function detectWithBorder(
  image: FrameImage,
  pad: number,
  options: DetectOptions,
): Promise<DetectedFace[]> {
  const detector = await faceDetector();
  const width = image.width + 2 * pad;
  const height = image.height + 2 * pad;
  const scale = Math.min(1, DETECTION_SIDE / Math.max(width, height));
  const canvas = new OffscreenCanvas(Math.round(width * scale), Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  context.fillStyle = '#808080';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingQuality = 'medium';
  context.drawImage(image, pad * scale, pad * scale, image.width * scale, image.height * scale);
  const small = canvas.transferToImageBitmap();
  const pixels = tf.browser.fromPixels(small); // [h, w, 3]
  small.close();
  try {
    const faces = await detector.detect(pixels, options);
    const back = (p: { x: number; y: number }) => ({ x: p.x / scale - pad, y: p.y / scale - pad });
    return faces.map((face) => ({
      ...face,
      box: { ...back(face.box), width: face.box.width / scale, height: face.box.height / scale },
      five: face.five.map(back) as unknown as DetectedFace['five'],
      landmarks: face.landmarks.map(back),
    }));
  } finally {
    pixels.dispose();
  }
}

/**
 * The faces in a decoded image, in its own pixels, largest first (with `everyFace`, every face
 * looked for, small ones beside a large one too). A photo cropped tight around a face (no
 * forehead, no background) often defeats the detector, so where none is found it looks again
 * with the photo on a wide grey border.
 */
export async function findFaces(
  image: FrameImage,
  options: DetectOptions = {},
): Promise<DetectedFace[]> {
  const faces = await detectWithBorder(image, 0, options);
  if (faces.length > 0) return faces;
  return detectWithBorder(image, Math.round(Math.max(image.width, image.height) * 0.4), options);
}

/**
 * The faces of a video frame, looked for first near `near` (the face's box in the last frame),
 * which is about half the work, then, if it has gone from there, in the whole frame.
 */
export async function findFacesNear(image: FrameImage, near: FaceBox): Promise<DetectedFace[]> {
  const faces = await facesInRegion(image, near);
  return faces.length > 0 ? faces : findFaces(image);
}

/** The faces near `near` alone, read from the frame in parts: the region and each landmark patch. */
async function facesInRegion(image: FrameImage, near: FaceBox): Promise<DetectedFace[]> {
  return (await faceDetector()).detectNear(bitmapPixels(image), near);
}

/** The crop of one detected face, its landmarks on the template. */
export function alignedCrop(image: CanvasImageSource, face: DetectedFace): OffscreenCanvas {
  return drawCrop(image, estimateSimilarity(face.five, templateAt(CROP_SIZE)));
}

/**
 * The aligned crops of the largest face ('largest') or of every face, largest first ('every');
 * with no face, per `noFace`, the centred square alone or an AppError 'no-face'. Each crop's
 * outcome counts every face found in the image.
 */
export async function cropFaces(
  image: FrameImage,
  selection: FaceSelection,
  noFace: NoFacePolicy,
  name: string,
  near?: FaceBox,
): Promise<FaceCrop[]> {
  const faces = near
    ? await findFacesNear(image, near)
    : await findFaces(image, { everyFace: selection === 'every' });
  if (faces.length === 0) {
    if (noFace === 'skip')
      throw new AppError(
        'no-face',
        `${name}: no face found (skipped, as chosen for images without a face).`,
      );
    return [
      {
        canvas: drawCrop(image, centredSquareTransform(image.width, image.height, CROP_SIZE)),
        outcome: { kind: 'centre', faces: 0 },
        face: null,
      },
    ];
  }
  const kept = selection === 'every' ? faces : faces.slice(0, 1);
  return kept.map((face) => faceCrop(image, face, faces.length));
}

/** The aligned crop of `face`, one of `faces` found in `image`. */
function faceCrop(image: FrameImage, face: DetectedFace, faces: number): FaceCrop {
  return {
    canvas: alignedCrop(image, face),
    outcome: {
      kind: 'aligned',
      faces,
      score: face.score,
      box: face.box,
      eyeDistance: eyeDistance(face.five),
    },
    face,
  };
}

/**
 * A video frame's crop of the face `last` (the last frame's), followed by the landmark net alone
 * (no detector: about 0.4 of `findFacesNear`'s time); null when it could not be followed, and
 * the caller looks for it. Its outcome counts the one face followed.
 */
export async function followFace(image: FrameImage, last: DetectedFace): Promise<FaceCrop | null> {
  const face = await (await faceDetector()).follow(bitmapPixels(image), last);
  return face ? faceCrop(image, face, 1) : null;
}

/**
 * A video frame's crop of the largest face near `near` (the last frame's face box), looked for
 * there alone; null when there is none (the caller looks further).
 */
export async function faceNear(image: FrameImage, near: FaceBox): Promise<FaceCrop | null> {
  const faces = await facesInRegion(image, near);
  const largest = faces[0];
  return largest ? faceCrop(image, largest, faces.length) : null;
}

/**
 * The aligned crop of the largest face, or per `noFace` the centred square or an error; in a
 * video frame, looked for near `near` first.
 */
export async function cropFace(
  image: FrameImage,
  noFace: NoFacePolicy,
  name: string,
  near?: FaceBox,
): Promise<FaceCrop> {
  const [largest] = await cropFaces(image, 'largest', noFace, name, near);
  return largest as FaceCrop;
}
