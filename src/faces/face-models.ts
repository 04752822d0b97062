// Owns loading face-api.js's networks in a worker (the face detector, its landmark net and the
// pretrained 128-d face encoder): their weights ship inside the @vladmandic/face-api npm package
// and are bundled by Vite as files of the app's own origin (never a CDN), fetched once per
// worker, and decoded for the active TF.js backend.

import * as tf from '@tensorflow/tfjs';
import detectorManifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import detectorWeights from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';
import landmarkManifest from '@vladmandic/face-api/model/face_landmark_68_model-weights_manifest.json';
import landmarkWeights from '@vladmandic/face-api/model/face_landmark_68_model.bin?url';
import encoderManifest from '@vladmandic/face-api/model/face_recognition_model-weights_manifest.json';
import encoderWeightsUrl from '@vladmandic/face-api/model/face_recognition_model.bin?url';
import { AppError } from '../lib/errors';
import { decodeFaceApiWeights } from '../ml/pretrained/face-api-weights';
import { createFaceDetector, type FaceDetector } from '../vision/face-detector';

async function decode(manifest: unknown, url: string, what: string): Promise<tf.NamedTensorMap> {
  let buffer: ArrayBuffer;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    buffer = await response.arrayBuffer();
  } catch (error) {
    throw new AppError(
      'worker-failed',
      `The ${what}'s weights could not be loaded (${String(error)}).`,
    );
  }
  return decodeFaceApiWeights(manifest, buffer);
}

let loading: Promise<FaceDetector> | null = null;

/** The worker's one face detector, loaded on first use on the active backend. */
export function faceDetector(): Promise<FaceDetector> {
  loading ??= (async () => {
    const [detector, landmarks] = await Promise.all([
      decode(detectorManifest, detectorWeights, 'face detector'),
      decode(landmarkManifest, landmarkWeights, 'face landmark net'),
    ]);
    return createFaceDetector({ detector, landmarks });
  })();
  loading.catch(() => (loading = null));
  return loading;
}

let encoderLoading: Promise<tf.NamedTensorMap> | null = null;

/** The pretrained face encoder's weights, decoded once per worker and kept (never disposed). */
export function faceEncoderWeights(): Promise<tf.NamedTensorMap> {
  encoderLoading ??= decode(encoderManifest, encoderWeightsUrl, 'pretrained face encoder');
  encoderLoading.catch(() => (encoderLoading = null));
  return encoderLoading;
}
