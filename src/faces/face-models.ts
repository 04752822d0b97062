// Owns loading the face networks in a worker: face-api.js's (the tiny face detector, its landmark
// net and the pretrained 128-d face encoder), whose weights ship inside the @vladmandic/face-api
// npm package, and BlazeFace's, the detector's quick look, shipped in ./models. Vite bundles them
// as files of the app's own origin (never a CDN); each is fetched once per worker, and decoded
// for the active TF.js backend.

import * as tf from '@tensorflow/tfjs';
import detectorManifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import detectorWeights from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';
import landmarkManifest from '@vladmandic/face-api/model/face_landmark_68_model-weights_manifest.json';
import landmarkWeights from '@vladmandic/face-api/model/face_landmark_68_model.bin?url';
import encoderManifest from '@vladmandic/face-api/model/face_recognition_model-weights_manifest.json';
import encoderWeightsUrl from '@vladmandic/face-api/model/face_recognition_model.bin?url';
import blazeFaceModel from './models/blazeface-front.json';
import blazeFaceWeights from './models/blazeface-front.bin?url';
import { AppError } from '../lib/errors';
import { decodeFaceApiWeights } from '../ml/pretrained/face-api-weights';
import { blazeFaceArtifacts } from '../vision/blazeface';
import { createFaceDetector, type FaceDetector } from '../vision/face-detector';

async function fetchWeights(url: string, what: string): Promise<ArrayBuffer> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.arrayBuffer();
  } catch (error) {
    throw new AppError(
      'worker-failed',
      `The ${what}'s weights could not be loaded (${String(error)}).`,
    );
  }
}

async function decode(manifest: unknown, url: string, what: string): Promise<tf.NamedTensorMap> {
  return decodeFaceApiWeights(manifest, await fetchWeights(url, what));
}

/** BlazeFace's graph model: its topology from the bundled model.json, its weights fetched. */
async function fetchBlazeFace(): Promise<tf.io.ModelArtifacts> {
  return blazeFaceArtifacts(
    blazeFaceModel,
    await fetchWeights(blazeFaceWeights, 'quick face detector'),
  );
}

let loading: Promise<FaceDetector> | null = null;

/** The worker's one face detector, loaded on first use on the active backend. */
export function faceDetector(): Promise<FaceDetector> {
  loading ??= (async () => {
    const [detector, landmarks, quickLook] = await Promise.all([
      decode(detectorManifest, detectorWeights, 'face detector'),
      decode(landmarkManifest, landmarkWeights, 'face landmark net'),
      // The quick look only saves time: without its file the tiny detector looks alone.
      fetchBlazeFace().catch((error: unknown) => {
        console.warn(`${String(error)} Faces are found with the tiny detector alone.`);
        return undefined;
      }),
    ]);
    return createFaceDetector({ detector, landmarks, ...(quickLook ? { quickLook } : {}) });
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
