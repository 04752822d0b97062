// Face detection and alignment on real faces (ORL, placed on a larger grey canvas), in Node:
// one face is found where it was put, none on a blank image, the largest of two comes first,
// the similarity transform puts the detected eyes on the template's eyes, and no result is read
// synchronously.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ORL_ROOT, orlAvailable } from '../ml/test-utils/orl-faces';
import { readFaceApiWeights } from '../ml/pretrained/test-utils/face-api-model';
import { readPngAsRgb } from '../ml/test-utils/png';
import { createFaceDetector, type FaceDetector } from './face-detector';
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

let detector: FaceDetector;

beforeAll(async () => {
  await tf.setBackend('cpu');
  detector = await createFaceDetector({
    detector: readFaceApiWeights('tiny_face_detector_model'),
    landmarks: readFaceApiWeights('face_landmark_68_model'),
  });
});
afterAll(() => detector?.dispose());

describe.skipIf(!orlAvailable())('face detection and alignment', () => {
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
    const dataSync = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    const arraySync = vi.spyOn(tf.Tensor.prototype, 'arraySync');
    try {
      const faces = await detector.detect(image);
      expect(faces).toHaveLength(1);
      expect(await detector.detectNear(image, faces[0]!.box)).toHaveLength(1);
      expect(dataSync).not.toHaveBeenCalled();
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
