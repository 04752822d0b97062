// The face pipeline over real photos: every fourth image of ../shared/datasets/dev-lfw10to19
// (about 325), detected on WASM as the import workers do (BlazeFace's quick look first). Reports the share of images with a
// face found, how far the aligned eye centres land from the template's (in pixels of the
// 128×128 crop), and the detector's time per image on WASM and on the plain CPU backend.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { decodeBaselineJpeg } from '../ml/pretrained/test-utils/baseline-jpeg';
import { SHARED_ROOT } from '../ml/test-utils/orl-faces';
import { readFaceApiWeights } from '../ml/pretrained/test-utils/face-api-model';
import { report } from '../ml/test-utils/report';
import { createFaceDetector, type FaceDetector } from './face-detector';
import { readBlazeFaceArtifacts } from './test-utils/blazeface-model';
import { CROP_SIZE, templateAt } from './face-template';
import { frameRegion, regionHolds } from './frame-region';
import { applyAffine, estimateSimilarity } from './similarity-transform';

// face-api's nobundle build imports TF.js's ESM entry points; point them at the project's own.
vi.mock('@tensorflow/tfjs/dist/index.js', () => import('@tensorflow/tfjs'));
vi.mock(
  '@tensorflow/tfjs-backend-webgl/dist/index.js',
  () => import('@tensorflow/tfjs-backend-webgl'),
);
vi.mock(
  '@tensorflow/tfjs-backend-wasm/dist/index.js',
  () => import('@tensorflow/tfjs-backend-wasm'),
);

const LFW = join(SHARED_ROOT, 'datasets/dev-lfw10to19/images');

function lfwFiles(): string[] {
  const files: string[] = [];
  for (const person of readdirSync(LFW).sort())
    for (const file of readdirSync(join(LFW, person)).sort()) files.push(join(LFW, person, file));
  return files.filter((_, k) => k % 4 === 0);
}

const readRgb = (file: string): tf.Tensor3D => {
  const image = decodeBaselineJpeg(new Uint8Array(readFileSync(file)));
  return tf.tensor3d(image.rgb, [image.height, image.width, 3], 'int32');
};

/** `photo` at (x, y) in a 640×480 webcam frame, the rest a flat grey. */
function inWebcamFrame(photo: tf.Tensor3D, x: number, y: number): tf.Tensor3D {
  const [height, width] = photo.shape;
  return tf.pad(
    photo,
    [
      [y, 480 - y - height],
      [x, 640 - x - width],
      [0, 0],
    ],
    150,
  );
}

let detector: FaceDetector;

beforeAll(async () => {
  await tf.setBackend('wasm');
  detector = await createFaceDetector({
    detector: readFaceApiWeights('tiny_face_detector_model'),
    landmarks: readFaceApiWeights('face_landmark_68_model'),
    quickLook: readBlazeFaceArtifacts(),
  });
});
afterAll(() => detector?.dispose());

describe.skipIf(!existsSync(LFW))('the face pipeline on dev-lfw10to19', () => {
  test('finds a face in nearly every photo and puts the eyes on the template', async () => {
    const files = lfwFiles();
    const template = templateAt(CROP_SIZE);
    let found = 0;
    let eyeError = 0;
    let worstEye = 0;
    const started = performance.now();
    for (const file of files) {
      const image = readRgb(file);
      const faces = await detector.detect(image);
      image.dispose();
      const face = faces[0];
      if (!face) continue;
      found++;
      const align = estimateSimilarity(face.five, template);
      for (const k of [0, 1]) {
        const eye = applyAffine(align, face.five[k] as { x: number; y: number });
        const error = Math.hypot(
          eye.x - (template[k] as { x: number }).x,
          eye.y - (template[k] as { y: number }).y,
        );
        eyeError += error;
        worstEye = Math.max(worstEye, error);
      }
    }
    const msPerImage = (performance.now() - started) / files.length;
    const share = found / files.length;
    const meanEye = eyeError / (2 * found);
    report(
      `dev-lfw10to19, every 4th image (${files.length}): face found in ${found} (${(share * 100).toFixed(1)} %); aligned eye centres ${meanEye.toFixed(2)} px from the template on average (worst ${worstEye.toFixed(1)} px) in the ${CROP_SIZE}-px crop; ${msPerImage.toFixed(0)} ms per image on wasm (detect + landmarks)`,
    );
    expect(share).toBeGreaterThan(0.97);
    expect(meanEye).toBeLessThan(4);
  }, 300_000);

  test('follows a face that moved between video frames as well as a search of the whole frame finds it', async () => {
    const files = lfwFiles().filter((_, k) => k % 2 === 0);
    const template = templateAt(CROP_SIZE);
    const eyeErrorOf = (face: { five: readonly { x: number; y: number }[] }) => {
      const align = estimateSimilarity(
        face.five as Parameters<typeof estimateSimilarity>[0],
        template,
      );
      let error = 0;
      for (const k of [0, 1]) {
        const eye = applyAffine(align, face.five[k] as { x: number; y: number });
        error += Math.hypot(
          eye.x - (template[k] as { x: number }).x,
          eye.y - (template[k] as { y: number }).y,
        );
      }
      return error / 2;
    };
    let searched = 0;
    let followed = 0;
    let searchEye = 0;
    let followEye = 0;
    let apart = 0;
    let searchMs = 0;
    let followMs = 0;
    let tracked = 0;
    let trackEye = 0;
    let trackMs = 0;
    let trackedSmall = 0;
    let trackSmallEye = 0;
    let keptOnEmpty = 0;
    let keptOnAway = 0;
    let smallApart = 0;
    const empty = tf.fill([480, 640, 3], 150, 'int32') as tf.Tensor3D;
    for (const file of files) {
      const photo = readRgb(file);
      // The photo in a 640×480 webcam frame, then the next frame with the face 24 px right, 12 down.
      const frameAt = (x: number, y: number) => inWebcamFrame(photo, x, y);
      const first = frameAt(180, 110);
      const next = frameAt(204, 122);
      const [before] = await detector.detect(first);
      let started = performance.now();
      const [whole] = await detector.detect(next);
      searchMs += performance.now() - started;
      if (before && whole) {
        started = performance.now();
        const [near] = await detector.detectNear(next, before.box);
        followMs += performance.now() - started;
        searched++;
        searchEye += eyeErrorOf(whole);
        started = performance.now();
        const landmarksOnly = await detector.follow(next, before);
        trackMs += performance.now() - started;
        if (landmarksOnly) {
          tracked++;
          trackEye += eyeErrorOf(landmarksOnly);
        }
        // A face moving as at 20 frames a second (6 px right, 3 down); and gone from the frame.
        // The eyes must land where the detector puts them in that frame, not merely in a face's
        // shape (the eye error above is blind to where the face is).
        const slight = frameAt(186, 113);
        const small = await detector.follow(slight, before);
        const [there] = small ? await detector.detect(slight) : [];
        slight.dispose();
        if (small && there) {
          trackedSmall++;
          trackSmallEye += eyeErrorOf(small);
          for (const k of [0, 1])
            smallApart +=
              Math.hypot(small.five[k]!.x - there.five[k]!.x, small.five[k]!.y - there.five[k]!.y) /
              2;
        }
        if (await detector.follow(empty, before)) keptOnEmpty++;
        // The face moved 75 px away at once: the old box now holds the photo's background (its
        // top-left corner) and a corner of the face, texture rather than grey.
        const away = frameAt(255, 185);
        if (await detector.follow(away, before)) keptOnAway++;
        away.dispose();
        if (near) {
          followed++;
          followEye += eyeErrorOf(near);
          apart += Math.hypot(near.five[0].x - whole.five[0].x, near.five[0].y - whole.five[0].y);
        }
      }
      for (const tensor of [photo, first, next]) tensor.dispose();
    }
    const share = followed / searched;
    report(
      `following a face that moved 27 px between 640×480 frames, ${searched} LFW photos: found near the last box in ${followed} (${(share * 100).toFixed(1)} %); aligned eye centres ${(followEye / followed).toFixed(2)} px from the template (a search of the whole frame: ${(searchEye / searched).toFixed(2)} px); left eye ${(apart / followed).toFixed(2)} px from the whole search's in frame pixels; ${(followMs / searched).toFixed(0)} ms per frame against ${(searchMs / files.length).toFixed(0)} ms for the whole frame (wasm)`,
    );
    report(
      `followed by the landmark net alone (no detector), the same ${searched} photos: moved 27 px, kept in ${tracked} (${((tracked / searched) * 100).toFixed(1)} %), eyes ${(trackEye / tracked).toFixed(2)} px from the template, ${(trackMs / searched).toFixed(0)} ms per frame; moved 7 px, kept in ${trackedSmall}, eyes ${(trackSmallEye / trackedSmall).toFixed(2)} px from the template and ${(smallApart / trackedSmall).toFixed(2)} px from where the detector puts them in that frame; the frame empty, kept in ${keptOnEmpty}; the face 75 px away, kept in ${keptOnAway}`,
    );
    empty.dispose();
    expect(share).toBeGreaterThan(0.97);
    expect(followEye / followed).toBeLessThan(searchEye / searched + 0.5);
    expect(trackedSmall / searched).toBeGreaterThan(0.97);
    expect(trackSmallEye / trackedSmall).toBeLessThan(searchEye / searched + 0.25);
    expect(smallApart / trackedSmall).toBeLessThan(3);
    expect(keptOnEmpty / searched).toBeLessThan(0.05);
    expect(keptOnAway / searched).toBeLessThan(0.05);
  }, 300_000);

  test('reads only the part of a frame around the last face and finds there what the whole frame gives', async () => {
    const files = lfwFiles().filter((_, k) => k % 2 === 0);
    let compared = 0;
    let held = 0;
    let same = 0;
    let area = 0;
    for (const file of files) {
      const photo = readRgb(file);
      const frameAt = (x: number, y: number) => inWebcamFrame(photo, x, y);
      const first = frameAt(180, 110);
      const [before] = await detector.detect(first);
      const rect = before ? frameRegion(before, 640, 480) : null;
      if (before && rect) {
        area += (rect.width * rect.height) / (640 * 480);
        // The next frames as the worker reads them: the part copied, grey (the outside of an
        // image) elsewhere. The face moved 27 px, and 7 and 18 px (followed by its landmarks).
        const inside = tf.tidy(() =>
          tf.pad(
            tf.ones([rect.height, rect.width, 1]),
            [
              [rect.y, 480 - rect.y - rect.height],
              [rect.x, 640 - rect.x - rect.width],
              [0, 0],
            ],
            0,
          ),
        );
        for (const [x, y, how] of [
          [204, 122, 'near'],
          [186, 113, 'follow'],
          // Far enough for a follow to place the points a second time, in the box they moved.
          [196, 118, 'follow'],
        ] as const) {
          const frame = frameAt(x, y);
          const part = tf.tidy(
            () =>
              tf.where(
                tf.cast(tf.broadcastTo(inside, frame.shape), 'bool'),
                frame,
                128,
              ) as tf.Tensor3D,
          );
          const inPart =
            how === 'near'
              ? (await detector.detectNear(part, before.box))[0]
              : await detector.follow(part, before);
          const inWhole =
            how === 'near'
              ? (await detector.detectNear(frame, before.box))[0]
              : await detector.follow(frame, before);
          if (inWhole) {
            compared++;
            if (inPart && regionHolds(rect, inPart, 640, 480)) {
              held++;
              const apart = Math.max(
                ...inPart.five.map((p, k) =>
                  Math.hypot(p.x - inWhole.five[k]!.x, p.y - inWhole.five[k]!.y),
                ),
              );
              if (apart < 0.01) same++;
            }
          }
          for (const tensor of [frame, part]) tensor.dispose();
        }
        inside.dispose();
      }
      for (const tensor of [photo, first]) tensor.dispose();
    }
    report(
      `reading only the part of a 640×480 frame around the last face (${files.length} LFW photos; on average ${((area / files.length) * 100).toFixed(0)} % of the frame): of ${compared} faces found from the whole frame (moved 27 px, looked for near the last box; moved 7 and 18 px, followed), ${held} found in the part and needing nothing outside it, ${same} of them with the same five points as from the whole frame`,
    );
    expect(held / compared).toBeGreaterThan(0.97);
    expect(same).toBe(held);
    expect(area / files.length).toBeLessThan(0.5);
  }, 300_000);

  test('times the detector on the plain CPU backend too', async () => {
    await tf.setBackend('cpu');
    // Its own copy of the weights: disposing a detector disposes the tensors it was given.
    const cpuDetector = await createFaceDetector({
      detector: readFaceApiWeights('tiny_face_detector_model'),
      landmarks: readFaceApiWeights('face_landmark_68_model'),
    });
    const files = lfwFiles().slice(0, 5);
    const image = readRgb(files[0] as string);
    await cpuDetector.detect(image); // the first call compiles and allocates
    const started = performance.now();
    for (const file of files) {
      const photo = readRgb(file);
      expect((await cpuDetector.detect(photo)).length).toBeGreaterThan(0);
      photo.dispose();
    }
    report(
      `face detector on the cpu backend: ${((performance.now() - started) / files.length).toFixed(0)} ms per image (5 LFW photos)`,
    );
    image.dispose();
    cpuDetector.dispose();
    await tf.setBackend('wasm');
  }, 120_000);
});
