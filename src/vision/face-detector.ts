// Owns face detection with landmarks in TensorFlow.js: face-api.js's tiny face detector finds
// the boxes, its 68-point landmark net places the points in each box; in a video, a face can be
// looked for near its last box only (`detectNear`), or followed by the landmark net alone
// (`follow`). Runs on whatever TF.js
// backend is active (the import worker uses WASM); weights come in as decoded tensor maps, so
// this module never fetches and runs under Vitest in Node too.

import * as tf from '@tensorflow/tfjs';
import {
  FaceLandmark68Net,
  TinyFaceDetector,
  TinyFaceDetectorOptions,
  env,
} from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import type { FivePoints, Point } from './face-template';
import { fivePointsFrom68 } from './landmarks';
import { asPixelSource, tensorPixels, type PixelSource } from './pixel-source';
import { LANDMARK_SCALE, REGION_SCALE, squareAround } from './search-squares';

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DetectedFace {
  box: FaceBox;
  /** Detector confidence, 0..1. */
  score: number;
  /** Eye centres, nose tip, mouth corners, in the image's pixels. */
  five: FivePoints;
  landmarks: Point[];
}

export interface FaceDetectorWeights {
  detector: tf.NamedTensorMap;
  landmarks: tf.NamedTensorMap;
}

export interface FaceDetector {
  /** Faces in an RGB image [height, width, 3] (0..255), largest first. */
  detect(image: tf.Tensor3D): Promise<DetectedFace[]>;
  /**
   * Faces in the square region around `near` (a face's box in the last frame of a video), found
   * on that region alone, largest first, in the image's pixels: a fraction of the cost of
   * `detect` when a face moves little between frames (and, from a bitmap's pixel source, the
   * frame is never read whole). Empty when the face has left the region.
   */
  detectNear(image: tf.Tensor3D | PixelSource, near: FaceBox): Promise<DetectedFace[]>;
  /**
   * The face found at `last` in the frame before, followed into this frame by the landmark net
   * alone (no detector): its points are placed in `last`'s box, and the box moves and scales
   * with them. Null when the points do not look like the same face having moved a little (the
   * face turned away, left, or was never there): the caller then looks for it with a detector.
   * The score is `last`'s: nothing here measures confidence.
   */
  follow(image: tf.Tensor3D | PixelSource, last: DetectedFace): Promise<DetectedFace | null>;
  dispose(): void;
}

type FaceApiWeights = Parameters<TinyFaceDetector['loadFromWeightMap']>[0];
type FaceApiInput = Parameters<TinyFaceDetector['locateFaces']>[0];
type Detections = Awaited<ReturnType<TinyFaceDetector['locateFaces']>>;

export interface FaceDetectorOptions {
  /**
   * Sides the detector resizes the image to (multiples of 32), tried in order until a face is
   * found; larger finds smaller faces, but the detector misses some large ones at each size.
   */
  inputSizes: readonly number[];
  /** Detections below this confidence are dropped. */
  minScore: number;
}

/**
 * Measured on dev-lfw10to19 (1301 photos, in two halves; wasm in Node): missed faces at 320 with
 * score 0.5: 31 of 651; 320 with 0.3: 15 and 8; 256 with 0.3: 3 of 650; 416 with 0.3: 50 of 651.
 * Trying 256 and then 320 keeps 256's reach for large faces and 320's for small ones. 256 goes
 * first because it finds more and costs less: on the quarter of dev-lfw10to19 that
 * face-detector-lfw.test.ts does not read (every 4th photo from the 3rd, 325 photos) the
 * detector alone took 21–25 ms at 256 against 34–42 at 320 and found 323 against 314; the
 * two orders found the same 324 with eyes 2.03 px from the template either way, and on 78 ORL
 * faces the same 64 (eyes 2.75 px against 2.79), with 256 first 13–35 % faster.
 */
export const DEFAULT_DETECTOR_OPTIONS: FaceDetectorOptions = {
  inputSizes: [256, 320],
  minScore: 0.3,
};

/** `detectNear`'s region (REGION_SCALE) is resampled to this many pixels a side. */
const REGION_PIXELS = 192;
const REGION_INPUT = 192;
/** The landmark net's input: a square around the box, this many pixels a side. */
const LANDMARK_PIXELS = 112;

/**
 * `follow` takes the points as the same face when the eye distance changed by at most this
 * factor and the eyes' midpoint moved at most FOLLOW_MAX_SHIFT eye distances; when it moved more
 * than FOLLOW_RECENTRE of the box's side, the points are placed again in the moved box (the net
 * places them best in a box centred as the detector centres it).
 */
const FOLLOW_MAX_SCALE = 1.25;
const FOLLOW_MAX_SHIFT = 0.5;
const FOLLOW_RECENTRE = 0.08;

const eyeMidpoint = (five: FivePoints): Point => ({
  x: (five[0].x + five[1].x) / 2,
  y: (five[0].y + five[1].y) / 2,
});
const eyeGap = (five: FivePoints): number =>
  Math.hypot(five[1].x - five[0].x, five[1].y - five[0].y);

/** `box` moved with the face from `from` to `to` (five points): shifted and scaled with the eyes. */
function movedBox(box: FaceBox, from: FivePoints, to: FivePoints): FaceBox {
  const a = eyeMidpoint(from);
  const b = eyeMidpoint(to);
  const scale = eyeGap(to) / eyeGap(from);
  return {
    x: b.x + (box.x - a.x) * scale,
    y: b.y + (box.y - a.y) * scale,
    width: box.width * scale,
    height: box.height * scale,
  };
}

/** Whether `to` looks like `from`'s face having moved a little (see FOLLOW_MAX_SCALE). */
function sameFaceMoved(from: FivePoints, to: FivePoints): boolean {
  const scale = eyeGap(to) / eyeGap(from);
  if (!(scale <= FOLLOW_MAX_SCALE && scale >= 1 / FOLLOW_MAX_SCALE)) return false;
  const a = eyeMidpoint(from);
  const b = eyeMidpoint(to);
  return Math.hypot(b.x - a.x, b.y - a.y) <= FOLLOW_MAX_SHIFT * eyeGap(from);
}

/**
 * face-api.js knows two environments, a window and Node; a Web Worker is neither, so it is given
 * one here. Only tensors are passed in, so the media classes are never used, just named.
 */
function ensureFaceApiEnvironment(): void {
  try {
    env.getEnv();
    return;
  } catch {
    // Neither a window nor Node: a worker. Set below.
  }
  class Unavailable {}
  const unavailable = () => {
    throw new Error('face-api.js media elements are not available in a worker; pass tensors.');
  };
  env.setEnv({
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: Unavailable,
    ImageData,
    Video: Unavailable,
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: unavailable,
    createVideoElement: unavailable,
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    readFile: () => Promise.reject(new Error('No file system in a worker.')),
  } as unknown as Parameters<typeof env.setEnv>[0]);
}

export async function createFaceDetector(
  weights: FaceDetectorWeights,
  settings = DEFAULT_DETECTOR_OPTIONS,
): Promise<FaceDetector> {
  ensureFaceApiEnvironment();
  const detector = new TinyFaceDetector();
  // face-api.js declares its own copy of TF.js's types; at run time it shares the app's TF.js.
  await detector.loadFromWeightMap(weights.detector as unknown as FaceApiWeights);
  const landmarkNet = new FaceLandmark68Net();
  await landmarkNet.loadFromWeightMap(weights.landmarks as unknown as FaceApiWeights);
  const passes = settings.inputSizes.map(
    (inputSize) => new TinyFaceDetectorOptions({ inputSize, scoreThreshold: settings.minScore }),
  );
  const regionPass = new TinyFaceDetectorOptions({
    inputSize: REGION_INPUT,
    scoreThreshold: settings.minScore,
  });

  const landmarksIn = async (image: PixelSource, box: FaceBox): Promise<Point[]> => {
    // A square around the box, so the landmark net sees the face undistorted.
    const square = squareAround(box, LANDMARK_SCALE);
    const patch = image.square(square.x, square.y, square.width, LANDMARK_PIXELS); // [112, 112, 3]
    let relative: Float32Array;
    try {
      // `forward`, not `detectLandmarks`: that reads its result with `dataSync`, which on WebGPU
      // blocks the worker and goes through a canvas (the path that lost headless Chromium's
      // software GPU in `npm run bench`). Here the read is asynchronous on every backend.
      const output = await landmarkNet.forward(patch as unknown as FaceApiInput); // [1, 136]
      try {
        relative = (await output.data()) as Float32Array;
      } finally {
        output.dispose();
      }
    } finally {
      patch.dispose();
    }
    // x0, y0, x1, y1, …, each as a share of the square patch's side.
    return Array.from({ length: relative.length >> 1 }, (_, k) => ({
      x: square.x + relative[2 * k]! * square.width,
      y: square.y + relative[2 * k + 1]! * square.width,
    }));
  };

  /** The detector's boxes in `image` with their landmarks, largest first. */
  const facesIn = async (
    image: PixelSource,
    found: readonly { score: number; box: FaceBox }[],
  ): Promise<DetectedFace[]> => {
    const faces: DetectedFace[] = [];
    for (const detection of found) {
      const box = {
        x: detection.box.x,
        y: detection.box.y,
        width: detection.box.width,
        height: detection.box.height,
      };
      const landmarks = await landmarksIn(image, box);
      if (landmarks.length !== 68) continue;
      faces.push({ box, score: detection.score, five: fivePointsFrom68(landmarks), landmarks });
    }
    return faces.sort((p, q) => q.box.width * q.box.height - p.box.width * p.box.height);
  };

  return {
    async detect(image) {
      let found: Detections = [];
      for (const options of passes) {
        found = await detector.locateFaces(image as unknown as FaceApiInput, options);
        if (found.length > 0) break;
      }
      return facesIn(tensorPixels(image), found);
    },
    async detectNear(input, near) {
      const image = asPixelSource(input);
      const { x: x0, y: y0, width: side } = squareAround(near, REGION_SCALE);
      // Outside the image the region is grey, as a frame's border is for `detect`'s callers.
      const region = image.square(x0, y0, side, REGION_PIXELS); // [192, 192, 3]
      let found: Detections;
      try {
        found = await detector.locateFaces(region as unknown as FaceApiInput, regionPass);
      } finally {
        region.dispose();
      }
      // The boxes back in the image's pixels; the landmarks are placed there, as `detect` does.
      const scale = side / REGION_PIXELS;
      return facesIn(
        image,
        found.map((detection) => ({
          score: detection.score,
          box: {
            x: x0 + detection.box.x * scale,
            y: y0 + detection.box.y * scale,
            width: detection.box.width * scale,
            height: detection.box.height * scale,
          },
        })),
      );
    },
    async follow(input, last) {
      const image = asPixelSource(input);
      /** `last`'s face placed by the landmark net in `box`, or null if it is not there. */
      const placeIn = async (box: FaceBox): Promise<DetectedFace | null> => {
        const landmarks = await landmarksIn(image, box);
        if (landmarks.length !== 68) return null;
        const five = fivePointsFrom68(landmarks);
        if (!sameFaceMoved(last.five, five)) return null;
        return { box: movedBox(last.box, last.five, five), score: last.score, five, landmarks };
      };
      const placed = await placeIn(last.box);
      if (!placed) return null;
      const shift = Math.hypot(placed.box.x - last.box.x, placed.box.y - last.box.y);
      return shift > FOLLOW_RECENTRE * Math.max(last.box.width, last.box.height)
        ? placeIn(placed.box)
        : placed;
    },
    dispose() {
      detector.dispose();
      landmarkNet.dispose();
    },
  };
}
