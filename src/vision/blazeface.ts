// Owns BlazeFace, MediaPipe's short-range face detector (the "front" model: a 128×128 input, 896
// anchors), as the face detector's quick first look: running it, and reading its raw output as
// faces with six keypoints (eyes, nose tip, mouth centre, ears) in the input's pixels. The graph
// model comes in as artifacts (JSON topology and weights), so this module never fetches and runs
// under Vitest in Node too.

import * as tf from '@tensorflow/tfjs';
import type { FaceBox } from './face-detector';
import type { Point } from './face-template';
import { boxOverlap } from './box-overlap';

/** The model's input side, in pixels. */
export const BLAZEFACE_INPUT = 128;

/** Values per anchor in the decoded output: the logit, the box (cx, cy, w, h), six points. */
const VALUES = 17;
const KEYPOINTS = 6;

export interface BlazeFaceFace {
  /** 0..1. */
  score: number;
  /** In the input's pixels. */
  box: FaceBox;
  /**
   * In the input's pixels: the eye on the image's left, the other eye, the nose tip, the mouth
   * centre, and the two ear tragions (MediaPipe's order, with the eyes sorted left to right).
   */
  keypoints: Point[];
}

/**
 * The anchors' centres, x and y in turn, in the order the output lists them: a 16×16 grid
 * (stride 8) with two anchors a cell, then an 8×8 grid (stride 16) with six.
 */
export function blazeFaceAnchors(): Float32Array {
  const centres: number[] = [];
  for (const [stride, perCell] of [
    [8, 2],
    [16, 6],
  ] as const) {
    const cells = BLAZEFACE_INPUT / stride;
    for (let y = 0; y < cells; y++)
      for (let x = 0; x < cells; x++)
        for (let k = 0; k < perCell; k++) centres.push(stride * (x + 0.5), stride * (y + 0.5));
  }
  return Float32Array.from(centres);
}

const ANCHORS = blazeFaceAnchors();
export const BLAZEFACE_ANCHORS = ANCHORS.length / 2;

/**
 * The faces in BlazeFace's output (`raw`: one row of VALUES a anchor, offsets from the anchor's
 * centre in input pixels), at least `minScore`, best first, each kept only if it overlaps a better
 * one by at most `maxOverlap` (intersection over union).
 */
export function decodeBlazeFace(
  raw: Float32Array,
  minScore: number,
  maxOverlap = 0.3,
): BlazeFaceFace[] {
  if (raw.length !== BLAZEFACE_ANCHORS * VALUES)
    throw new Error(
      `BlazeFace output has ${raw.length} values, not ${BLAZEFACE_ANCHORS * VALUES}.`,
    );
  const minLogit = Math.log(minScore / (1 - minScore));
  const candidates: number[] = [];
  for (let i = 0; i < BLAZEFACE_ANCHORS; i++) if (raw[i * VALUES]! >= minLogit) candidates.push(i);
  candidates.sort((a, b) => raw[b * VALUES]! - raw[a * VALUES]!);
  const kept: BlazeFaceFace[] = [];
  for (const i of candidates) {
    const row = raw.subarray(i * VALUES, (i + 1) * VALUES);
    const ax = ANCHORS[2 * i]!;
    const ay = ANCHORS[2 * i + 1]!;
    const [width, height] = [row[3]!, row[4]!];
    const box = { x: row[1]! + ax - width / 2, y: row[2]! + ay - height / 2, width, height };
    if (kept.some((face) => boxOverlap(face.box, box) > maxOverlap)) continue;
    const keypoints = Array.from({ length: KEYPOINTS }, (_, k) => ({
      x: row[5 + 2 * k]! + ax,
      y: row[6 + 2 * k]! + ay,
    }));
    if (keypoints[0]!.x > keypoints[1]!.x) keypoints.splice(0, 2, keypoints[1]!, keypoints[0]!);
    kept.push({ score: 1 / (1 + Math.exp(-row[0]!)), box, keypoints });
  }
  return kept;
}

export interface BlazeFace {
  /** The faces in `square` ([128, 128, 3], 0..255), best first. The caller keeps `square`. */
  detect(square: tf.Tensor3D, minScore: number): Promise<BlazeFaceFace[]>;
  dispose(): void;
}

/** A converted model.json (its topology and weights manifest) with its weight file, as artifacts. */
export function blazeFaceArtifacts(
  model: { modelTopology: object; weightsManifest: readonly { weights: readonly object[] }[] },
  weightData: ArrayBuffer,
): tf.io.ModelArtifacts {
  return {
    modelTopology: model.modelTopology,
    weightSpecs: model.weightsManifest.flatMap(
      (group) => group.weights as tf.io.WeightsManifestEntry[],
    ),
    weightData,
  };
}

/** BlazeFace from its converted graph model (model.json's topology and its weights). */
export async function createBlazeFace(artifacts: tf.io.ModelArtifacts): Promise<BlazeFace> {
  const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  return {
    async detect(square, minScore) {
      const output = tf.tidy(() => {
        const input = tf.expandDims(tf.sub(tf.div(square, 127.5), 1), 0);
        // Four outputs: scores and regressors of the 512 stride-8 anchors and of the 384
        // stride-16 ones; told apart by size, as the converted model does not name them usefully.
        const parts = (model.execute(input) as tf.Tensor[]).sort((a, b) => a.size - b.size);
        const [scores16, scores8, values16, values8] = parts as [
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
        ];
        return tf.concat([tf.concat([scores8, values8], 2), tf.concat([scores16, values16], 2)], 1);
      });
      try {
        return decodeBlazeFace((await output.data()) as Float32Array, minScore);
      } finally {
        output.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}
