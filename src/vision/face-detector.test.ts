// Face detection and alignment on real faces (ORL, placed on a larger grey canvas), in Node, with
// BlazeFace's quick look first (as the app detects) and with the tiny detector alone: one face is
// found where it was put, none on a blank image, the largest of two comes first, the similarity
// transform puts the detected eyes on the template's eyes, and no result is read synchronously.
// Then what decides which detector looks: a face too small for the quick look, and a group whose
// every face is wanted.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ORL_ROOT, orlAvailable } from '../ml/test-utils/orl-faces';
import { readFaceApiWeights } from '../ml/pretrained/test-utils/face-api-model';
import { readPngAsRgb } from '../ml/test-utils/png';
import { createFaceDetector, type FaceDetector, type FaceDetectorWeights } from './face-detector';
import { readBlazeFaceArtifacts } from './test-utils/blazeface-model';
import { CROP_SIZE, templateAt } from './face-template';
import { eyeDistance } from './landmarks';
import { applyAffine, estimateSimilarity } from './similarity-transform';

/** A grey 240×240 canvas with ORL faces pasted at the given places and scales. */
function canvasWithFaces(
  faces: { file: string; x: number; y: number; scale: number }[],
): tf.Tensor3D {
  return tf.tidy(() => {
    let canvas = tf.fill([240, 240, 3], 128, 'float32') as tf.Tensor3D;
    for (const face of faces) {
      const { width, height, rgb } = readPngAsRgb(join(ORL_ROOT, face.file));
      const w = Math.round(width * face.scale);
      const h = Math.round(height * face.scale);
      const pixels = tf.image.resizeBilinear(
        tf.tensor3d(rgb, [height, width, 3], 'int32').toFloat(),
        [h, w],
      );
      const padded = tf.pad(pixels, [
        [face.y, 240 - face.y - h],
        [face.x, 240 - face.x - w],
        [0, 0],
      ]);
      const mask = tf.pad(tf.ones([h, w, 3]), [
        [face.y, 240 - face.y - h],
        [face.x, 240 - face.x - w],
        [0, 0],
      ]);
      canvas = tf.add(tf.mul(canvas, tf.sub(1, mask)), padded) as tf.Tensor3D;
    }
    return canvas;
  });
}

const tinyWeights = (): FaceDetectorWeights => ({
  detector: readFaceApiWeights('tiny_face_detector_model'),
  landmarks: readFaceApiWeights('face_landmark_68_model'),
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!orlAvailable()).each([
  ['BlazeFace quick look first', true],
  ['the tiny detector alone', false],
])('face detection and alignment, %s', (_, quick) => {
  let detector: FaceDetector;
  beforeAll(async () => {
    detector = await createFaceDetector({
      ...tinyWeights(),
      ...(quick ? { quickLook: readBlazeFaceArtifacts() } : {}),
    });
  });
  afterAll(() => detector?.dispose());

  test('finds the one face where it was placed, with landmarks that align onto the template', async () => {
    const image = canvasWithFaces([{ file: 's1/1.png', x: 70, y: 60, scale: 1 }]);
    const faces = await detector.detect(image);
    image.dispose();
    expect(faces).toHaveLength(1);
    const face = faces[0]!;
    const centre = { x: face.box.x + face.box.width / 2, y: face.box.y + face.box.height / 2 };
    expect(centre.x).toBeGreaterThan(70 + 20);
    expect(centre.x).toBeLessThan(70 + 92 - 20);
    expect(centre.y).toBeGreaterThan(60 + 20);
    expect(centre.y).toBeLessThan(60 + 112 - 20);
    const [leftEye, rightEye, nose, mouthLeft] = face.five;
    expect(leftEye.x).toBeLessThan(rightEye.x);
    expect(leftEye.y).toBeLessThan(nose.y);
    expect(nose.y).toBeLessThan(mouthLeft.y);
    expect(eyeDistance(face.five)).toBeGreaterThan(20);
    expect(eyeDistance(face.five)).toBeLessThan(60);

    const template = templateAt(CROP_SIZE);
    const transform = estimateSimilarity(face.five, template);
    const eyes = [applyAffine(transform, leftEye), applyAffine(transform, rightEye)];
    for (const [i, eye] of eyes.entries()) {
      expect(Math.abs(eye.x - template[i]!.x)).toBeLessThan(6);
      expect(Math.abs(eye.y - template[i]!.y)).toBeLessThan(6);
    }
  });

  test('finds no face on a blank image', async () => {
    const image = canvasWithFaces([]);
    expect(await detector.detect(image)).toHaveLength(0);
    image.dispose();
  });

  test('returns the largest of two faces first', async () => {
    const image = canvasWithFaces([
      { file: 's2/1.png', x: 5, y: 60, scale: 0.9 },
      { file: 's3/1.png', x: 110, y: 40, scale: 1.4 },
    ]);
    const faces = await detector.detect(image);
    image.dispose();
    expect(faces.length).toBe(2);
    expect(faces[0]!.box.x).toBeGreaterThan(100);
    expect(faces[0]!.box.width).toBeGreaterThan(faces[1]!.box.width);
  });

  test('reads every result asynchronously (a synchronous read stalls WebGPU and lost its device in Chromium)', async () => {
    const image = canvasWithFaces([{ file: 's1/1.png', x: 70, y: 60, scale: 1 }]);
    // BlazeFace's graph model reads its own constant parameters (a Pad's paddings, a Reshape's
    // shape: at most 8 values, never on the GPU) synchronously, as every converted model does.
    // Nothing computed is that small: the smallest output read is the landmark net's 136 values.
    const sizesRead: number[] = [];
    const original = tf.Tensor.prototype.dataSync;
    const dataSync = vi.spyOn(tf.Tensor.prototype, 'dataSync').mockImplementation(function (
      this: tf.Tensor,
    ) {
      sizesRead.push(this.size);
      return original.call(this);
    });
    const arraySync = vi.spyOn(tf.Tensor.prototype, 'arraySync');
    try {
      const faces = await detector.detect(image);
      expect(faces).toHaveLength(1);
      expect(await detector.detectNear(image, faces[0]!.box)).toHaveLength(1);
      expect(sizesRead.filter((size) => size > 8)).toEqual([]);
      if (!quick) expect(dataSync).not.toHaveBeenCalled();
      expect(arraySync).not.toHaveBeenCalled();
    } finally {
      dataSync.mockRestore();
      arraySync.mockRestore();
      image.dispose();
    }
  });

  test('leaves no tensors behind', async () => {
    const image = canvasWithFaces([{ file: 's1/2.png', x: 70, y: 60, scale: 1 }]);
    await detector.detect(image);
    const before = tf.memory().numTensors;
    await detector.detect(image);
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });
});

describe.skipIf(!orlAvailable())('which detector looks', () => {
  let quick: FaceDetector;
  let tiny: FaceDetector;
  beforeAll(async () => {
    quick = await createFaceDetector({ ...tinyWeights(), quickLook: readBlazeFaceArtifacts() });
    tiny = await createFaceDetector(tinyWeights());
  });
  afterAll(() => {
    quick?.dispose();
    tiny?.dispose();
  });

  const sameFace = (a: { box: { x: number; width: number } }, b: typeof a) =>
    Math.abs(a.box.x + a.box.width / 2 - (b.box.x + b.box.width / 2)) < a.box.width / 4;

  test('a face too small for the quick look is still found, by the tiny detector', async () => {
    // A 92×112 face in a 560×560 image: BlazeFace's box of it is below 35 % of the side.
    const face = canvasWithFaces([{ file: 's4/1.png', x: 70, y: 60, scale: 1 }]);
    const image = tf.tidy(() =>
      tf.pad(
        face,
        [
          [160, 160],
          [160, 160],
          [0, 0],
        ],
        128,
      ),
    );
    face.dispose();
    try {
      const [fromQuick] = await quick.detect(image);
      const [fromTiny] = await tiny.detect(image);
      expect(fromQuick).toBeDefined();
      expect(sameFace(fromQuick!, fromTiny!)).toBe(true);
      expect(fromQuick!.score).toBe(fromTiny!.score);
    } finally {
      image.dispose();
    }
  });

  test('a quick-look model that cannot be loaded leaves the tiny detector to look alone', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const broken = await createFaceDetector({
      ...tinyWeights(),
      quickLook: {
        modelTopology: { node: 'not a graph' },
        weightSpecs: [],
        weightData: new ArrayBuffer(0),
      },
    });
    const image = canvasWithFaces([{ file: 's9/1.png', x: 70, y: 60, scale: 1 }]);
    try {
      const [face] = await broken.detect(image);
      const [fromTiny] = await tiny.detect(image);
      expect(face!.score).toBe(fromTiny!.score);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('quick face detector'));
    } finally {
      image.dispose();
      broken.dispose();
      warn.mockRestore();
    }
  });

  test('every face of a group is looked for with the tiny detector, which finds small ones too', async () => {
    const image = canvasWithFaces([
      { file: 's5/1.png', x: 10, y: 20, scale: 1.5 },
      { file: 's6/1.png', x: 170, y: 150, scale: 0.6 },
    ]);
    try {
      const every = await quick.detect(image, { everyFace: true });
      const fromTiny = await tiny.detect(image);
      expect(every).toHaveLength(fromTiny.length);
      expect(every.map((face) => face.score)).toEqual(fromTiny.map((face) => face.score));
      expect(every.length).toBe(2);
    } finally {
      image.dispose();
    }
  });
});
