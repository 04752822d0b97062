// Reading BlazeFace's raw output: the anchors' layout, boxes and keypoints placed from their
// anchors, the score threshold, overlapping faces kept once (the better), the eyes ordered left
// to right; and the real model on a real face (ORL, on a grey square), in Node.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ORL_ROOT, orlAvailable } from '../ml/test-utils/orl-faces';
import { readPngAsRgb } from '../ml/test-utils/png';
import {
  BLAZEFACE_ANCHORS,
  BLAZEFACE_INPUT,
  blazeFaceAnchors,
  createBlazeFace,
  decodeBlazeFace,
} from './blazeface';
import { readBlazeFaceArtifacts } from './test-utils/blazeface-model';

const VALUES = 17;
const logit = (p: number) => Math.log(p / (1 - p));

/** Raw output with every anchor far below any threshold, and the given rows set. */
function rawWith(rows: Record<number, number[]>): Float32Array {
  const raw = new Float32Array(BLAZEFACE_ANCHORS * VALUES);
  for (let i = 0; i < BLAZEFACE_ANCHORS; i++) raw[i * VALUES] = -20;
  for (const [anchor, row] of Object.entries(rows)) raw.set(row, Number(anchor) * VALUES);
  return raw;
}

/** A row: the score, a box (cx, cy, w, h) and six points, all offsets from the anchor's centre. */
const row = (score: number, box: number[], points: number[]) => [logit(score), ...box, ...points];
const points = [-8, -5, 8, -5, 0, 2, 0, 9, -15, 0, 15, 0];

describe('decodeBlazeFace', () => {
  test('lays out 896 anchors: a 16×16 grid of two, then an 8×8 grid of six', () => {
    const anchors = blazeFaceAnchors();
    expect(BLAZEFACE_ANCHORS).toBe(896);
    const at = (i: number) => [anchors[2 * i], anchors[2 * i + 1]];
    expect(at(0)).toEqual([4, 4]);
    expect(at(1)).toEqual([4, 4]);
    expect(at(2)).toEqual([12, 4]);
    expect(at(32)).toEqual([4, 12]);
    expect(at(512)).toEqual([8, 8]);
    expect(at(518)).toEqual([24, 8]);
    expect(at(895)).toEqual([120, 120]);
  });

  test('places a face from its anchor, keeps the better of two overlapping, drops the unsure', () => {
    // Anchor 100: cell (2, 3) of the 16×16 grid, centre (20, 28).
    const raw = rawWith({
      100: row(0.95, [2, 1, 30, 34], points),
      101: row(0.8, [3, 1, 30, 34], points), // the same face, less sure
      700: row(0.7, [0, 0, 20, 20], points), // another face
      600: row(0.4, [0, 0, 20, 20], points), // below the threshold
    });
    const faces = decodeBlazeFace(raw, 0.5);
    expect(faces.map((face) => face.score.toFixed(2))).toEqual(['0.95', '0.70']);
    const [face] = faces;
    expect(face!.box).toEqual({ x: 22 - 15, y: 29 - 17, width: 30, height: 34 });
    expect(face!.keypoints[0]).toEqual({ x: 12, y: 23 });
    expect(face!.keypoints[3]).toEqual({ x: 20, y: 37 });
    expect(face!.keypoints).toHaveLength(6);
  });

  test('orders the eyes left to right, whichever the model gave first', () => {
    const swapped = [8, -5, -8, -5, ...points.slice(4)];
    const [face] = decodeBlazeFace(rawWith({ 0: row(0.9, [0, 0, 10, 10], swapped) }), 0.5);
    expect(face!.keypoints[0]!.x).toBeLessThan(face!.keypoints[1]!.x);
  });

  test('refuses output of another size', () => {
    expect(() => decodeBlazeFace(new Float32Array(10), 0.5)).toThrow(/BlazeFace output/);
  });
});

describe.skipIf(!orlAvailable())('the BlazeFace model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  test('finds one face on a real photo, with the eyes above the nose and the mouth', async () => {
    const blazeFace = await createBlazeFace(readBlazeFaceArtifacts());
    const { width, height, rgb } = readPngAsRgb(join(ORL_ROOT, 's7/1.png'));
    // The 92×112 photo in the middle of a 160-px grey square, shrunk to the model's 128.
    const square = tf.tidy(() => {
      const photo = tf.tensor3d(rgb, [height, width, 3], 'int32').toFloat();
      const padded = tf.pad(
        photo,
        [
          [24, 24],
          [34, 34],
          [0, 0],
        ],
        128,
      );
      return tf.image.resizeBilinear(padded, [BLAZEFACE_INPUT, BLAZEFACE_INPUT]);
    });
    try {
      const faces = await blazeFace.detect(square, 0.5);
      expect(faces).toHaveLength(1);
      const [leftEye, rightEye, nose, mouth] = faces[0]!.keypoints;
      expect(faces[0]!.score).toBeGreaterThan(0.8);
      expect(leftEye!.x).toBeLessThan(rightEye!.x);
      expect(Math.max(leftEye!.y, rightEye!.y)).toBeLessThan(nose!.y);
      expect(nose!.y).toBeLessThan(mouth!.y);
      // Inside the photo's place in the square (x 27–101, y 19–109 of 128).
      const box = faces[0]!.box;
      expect(box.x).toBeGreaterThan(20);
      expect(box.x + box.width).toBeLessThan(108);
    } finally {
      square.dispose();
      blazeFace.dispose();
    }
  });
});
