// Owns where a face lands in an aligned crop: the five reference points (eye centres, nose tip,
// mouth corners) in unit coordinates of the square crop, and the crop sizes.
//
// The points are the ArcFace five-point template (InsightFace, 112×112), scaled and shifted so
// that the crop frames the face as face-api.js's descriptor network expects its input ("dlib
// alignment": eye-to-mouth distance 0.45 of the side, centroid of both eyes and the mouth at
// (0.5, 0.43)). One framing serves the networks trained here and the pretrained encoder.

export const CROP_SIZE = 128;
export const THUMB_SIZE = 64;

export interface Point {
  x: number;
  y: number;
}

/** Eye centres, nose tip, mouth corners; "left" is the left of the image. */
export type FivePoints = readonly [Point, Point, Point, Point, Point];

const ARCFACE_112: FivePoints = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];

const EYE_TO_MOUTH = 0.45;
const CENTROID = { x: 0.5, y: 0.43 };

function reframe(points: FivePoints): FivePoints {
  const [leftEye, rightEye, , mouthLeft, mouthRight] = points;
  const mouth = { x: (mouthLeft.x + mouthRight.x) / 2, y: (mouthLeft.y + mouthRight.y) / 2 };
  const distance = (a: Point) => Math.hypot(a.x - mouth.x, a.y - mouth.y);
  const scale = EYE_TO_MOUTH / ((distance(leftEye) + distance(rightEye)) / 2);
  const cx = (leftEye.x + rightEye.x + mouth.x) / 3;
  const cy = (leftEye.y + rightEye.y + mouth.y) / 3;
  return points.map((p) => ({
    x: CENTROID.x + (p.x - cx) * scale,
    y: CENTROID.y + (p.y - cy) * scale,
  })) as unknown as FivePoints;
}

/** The template in unit coordinates: multiply by the crop side to get pixels. */
export const FACE_TEMPLATE: FivePoints = reframe(ARCFACE_112);

export function templateAt(size: number): FivePoints {
  return FACE_TEMPLATE.map((p) => ({ x: p.x * size, y: p.y * size })) as unknown as FivePoints;
}
