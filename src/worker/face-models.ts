// Owns loading the face detector in a worker: its weights ship inside the @vladmandic/face-api
// npm package and are bundled by Vite as files of the app's own origin (never a CDN), fetched
// once per worker, and decoded for the active TF.js backend.

import * as tf from '@tensorflow/tfjs';
import detectorManifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import detectorWeights from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';
import landmarkManifest from '@vladmandic/face-api/model/face_landmark_68_model-weights_manifest.json';
import landmarkWeights from '@vladmandic/face-api/model/face_landmark_68_model.bin?url';
import { AppError } from '../lib/errors';
import { createFaceDetector, type FaceDetector } from '../vision/face-detector';

async function decode(manifest: unknown, url: string): Promise<tf.NamedTensorMap> {
  let buffer: ArrayBuffer;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    buffer = await response.arrayBuffer();
  } catch (error) {
    throw new AppError('worker-failed', `The face detector's weights could not be loaded (${String(error)}).`);
  }
  return tf.io.decodeWeights(buffer, tf.io.getWeightSpecs(manifest as tf.io.WeightsManifestConfig));
}

let loading: Promise<FaceDetector> | null = null;

/** The worker's one face detector, loaded on first use on the active backend. */
export function faceDetector(): Promise<FaceDetector> {
  loading ??= (async () => {
    const [detector, landmarks] = await Promise.all([decode(detectorManifest, detectorWeights), decode(landmarkManifest, landmarkWeights)]);
    return createFaceDetector({ detector, landmarks });
  })();
  loading.catch(() => (loading = null));
  return loading;
}
