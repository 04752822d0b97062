// Owns face detection with landmarks in TensorFlow.js: a quick look with BlazeFace (blazeface.ts)
// at the whole image, and where it finds no face large enough, face-api.js's tiny face detector;
// its 68-point landmark net places the points in each box; in a video, a face can be
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
import { BLAZEFACE_INPUT, createBlazeFace, type BlazeFace, type BlazeFaceFace } from './blazeface';
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
  /** BlazeFace's graph model, for the quick look; without it, `detect` starts with the tiny detector. */
  quickLook?: tf.io.ModelArtifacts;
}

export interface DetectOptions {
  /**
   * Every face matters, not only the largest (a group photo going to Unsorted): no quick look,
   * which finds large faces and can miss small ones beside them.
   */
  everyFace?: boolean;
}

export interface FaceDetector {
  /** Faces in an RGB image [height, width, 3] (0..255), largest first. */
  detect(image: tf.Tensor3D, options?: DetectOptions): Promise<DetectedFace[]>;
  /**
   * Faces in the square region around `near` (a face's box in the last frame of a video), found
   * on that region alone (BlazeFace's quick look first, then the tiny detector), largest first,
   * in the image's pixels: a fraction of the cost of `detect` when a face moves little between
   * frames (and, from a bitmap's pixel source, the frame is never read whole). Empty when the
   * face has left the region.
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

/**
 * The quick look trusts BlazeFace's faces at this score or more, and only when the largest is at
 * least QUICK_MIN_SHARE of the image's longer side wide; otherwise the tiny detector looks, which
 * finds smaller faces. BlazeFace at 128 pixels finds faces down to about 15 % of the side, so a
 * face it misses beside the largest is less than half as wide (it is not counted among the
 * photo's faces): on every 4th photo of dev-lfw10to19 from the 1st, the quick look found
 * several faces in 17 photos where the tiny detector found 21, all of the missed ones small. A
 * group whose people are of a size is counted whole, as an import's "several faces" note needs.
 */
const QUICK_MIN_SCORE = 0.6;
const QUICK_MIN_SHARE = 0.35;
/**
 * BlazeFace's box is the inner face: the landmark net is given a box QUICK_BOX_SCALE times as
 * wide, centred QUICK_CENTRE of the way from the eyes' midpoint to the mouth, which is where the
 * tiny detector's box sits (fitted on every 4th photo of dev-lfw10to19 from the 3rd, 325 photos:
 * the tiny detector's box is 1.17 ± 0.12 BlazeFace box widths wide, its centre 0.63 ± 0.09 of
 * the eyes-to-mouth distance below the eyes).
 */
const QUICK_BOX_SCALE = 1.17;
const QUICK_CENTRE = 0.63;

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

/**
 * The box the tiny detector would put around a face with these points: a square 1.43 times the
 * eye gap plus the eyes-to-mouth distance wide, centred 0.69 of the way from the eyes' midpoint
 * to the mouth's (fitted on the tiny detector's boxes of 324 photos of dev-lfw10to19, every 4th
 * from the 3rd: 1.433 ± 0.094 and 0.689 ± 0.071). The quick look gives its faces this box, so a
 * face's box does not depend on how large BlazeFace saw it, and a video's next frame looks for
 * it in a region of the size the tiny detector's box would give.
 */
export function boxAroundPoints(five: FivePoints): FaceBox {
  const eyes = eyeMidpoint(five);
  const mouth = { x: (five[3].x + five[4].x) / 2, y: (five[3].y + five[4].y) / 2 };
  const side = 1.43 * (eyeGap(five) + Math.hypot(mouth.x - eyes.x, mouth.y - eyes.y));
  const x = eyes.x + 0.69 * (mouth.x - eyes.x);
  const y = eyes.y + 0.69 * (mouth.y - eyes.y);
  return { x: x - side / 2, y: y - side / 2, width: side, height: side };
}

/** `faces` sorted in place, the largest box first. */
function largestFirst(faces: DetectedFace[]): DetectedFace[] {
  return faces.sort((p, q) => q.box.width * q.box.height - p.box.width * p.box.height);
}

/** The square centred on `image` whose side is its longer side. */
function wholeImage(image: { width: number; height: number }): FaceBox {
  const side = Math.max(image.width, image.height);
  return { x: (image.width - side) / 2, y: (image.height - side) / 2, width: side, height: side };
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
    return largestFirst(faces);
  };

  /**
   * `last` (a face in the frame before, or BlazeFace's guess at one) placed in `image` by the
   * landmark net in `last`'s box; the box moves and scales with the points. Null when the points
   * do not look like the same face having moved a little (see `follow`).
   */
  const followInto = async (
    image: PixelSource,
    last: DetectedFace,
  ): Promise<DetectedFace | null> => {
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
  };

  // Without the quick look (no model given, or one this backend cannot run) every look is the
  // tiny detector's: slower, never wrong for it.
  let blazeFace: BlazeFace | null = null;
  if (weights.quickLook) {
    try {
      blazeFace = await createBlazeFace(weights.quickLook);
    } catch (error) {
      console.warn(
        `The quick face detector could not be loaded; using the tiny one alone (${String(error)}).`,
      );
    }
  }

  /**
   * The faces BlazeFace finds in a square of the image (by default the whole image, its longer
   * side squeezed into 128 pixels), with their landmarks, in the image's pixels, largest first;
   * null when it finds none it trusts, or none large enough.
   */
  const quickLook = async (
    image: PixelSource,
    region = wholeImage(image),
  ): Promise<DetectedFace[] | null> => {
    if (!blazeFace) return null;
    const { x: x0, y: y0, width: side } = region;
    const square = image.square(x0, y0, side, BLAZEFACE_INPUT);
    let found: BlazeFaceFace[];
    try {
      found = await blazeFace.detect(square, QUICK_MIN_SCORE);
    } finally {
      square.dispose();
    }
    const scale = side / BLAZEFACE_INPUT;
    const largest = Math.max(0, ...found.map((face) => face.box.width));
    if (largest * scale < QUICK_MIN_SHARE * side) return null;
    const faces: DetectedFace[] = [];
    // The widest BlazeFace box of a face the landmark net confirmed: a large box it rejected (not
    // a face) must not stand in for the size rule.
    let widestKept = 0;
    for (const face of found) {
      const [eyeA, eyeB, nose, mouth] = face.keypoints.map((p) => ({
        x: x0 + p.x * scale,
        y: y0 + p.y * scale,
      })) as [Point, Point, Point, Point];
      const eyes = { x: (eyeA.x + eyeB.x) / 2, y: (eyeA.y + eyeB.y) / 2 };
      const width = face.box.width * scale * QUICK_BOX_SCALE;
      const guess: DetectedFace = {
        box: {
          x: eyes.x + QUICK_CENTRE * (mouth.x - eyes.x) - width / 2,
          y: eyes.y + QUICK_CENTRE * (mouth.y - eyes.y) - width / 2,
          width,
          height: width,
        },
        score: face.score,
        // Only the eyes are compared with the landmark net's; the mouth centre stands in for its corners.
        five: [eyeA, eyeB, nose, mouth, mouth],
        landmarks: [],
      };
      const placed = await followInto(image, guess);
      if (!placed) continue;
      faces.push({ ...placed, box: boxAroundPoints(placed.five) });
      widestKept = Math.max(widestKept, face.box.width);
    }
    if (faces.length === 0 || widestKept * scale < QUICK_MIN_SHARE * side) return null;
    return largestFirst(faces);
  };

  return {
    async detect(image, options = {}) {
      if (!options.everyFace) {
        const quick = await quickLook(tensorPixels(image));
        if (quick) return quick;
      }
      let found: Detections = [];
      for (const options of passes) {
        found = await detector.locateFaces(image as unknown as FaceApiInput, options);
        if (found.length > 0) break;
      }
      return facesIn(tensorPixels(image), found);
    },
    async detectNear(input, near) {
      const image = asPixelSource(input);
      const around = squareAround(near, REGION_SCALE);
      const quick = await quickLook(image, around);
      if (quick) return quick;
      const { x: x0, y: y0, width: side } = around;
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
    follow: (input, last) => followInto(asPixelSource(input), last),
    dispose() {
      detector.dispose();
      landmarkNet.dispose();
      blazeFace?.dispose();
    },
  };
}
