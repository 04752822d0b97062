// Owns reading face-api.js's face-recognition weight files from node_modules, for tests and
// benchmarks in Node; the app fetches the same two files instead.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import {
  decodeFaceApiWeights,
  FACE_ENCODER_MANIFEST_FILE,
  FACE_ENCODER_WEIGHTS_FILE,
} from '../face-api-weights';

export interface FaceApiModelFiles {
  manifest: unknown;
  data: ArrayBuffer;
}

export function faceApiModelDir(): string {
  const packageJson = createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json');
  return join(dirname(packageJson), 'model');
}

/** One face-api model's files; the face encoder's unless another model (e.g. `tiny_face_detector_model`) is named. */
export function readFaceApiModel(name?: string): FaceApiModelFiles {
  const dir = faceApiModelDir();
  const manifestFile = name ? `${name}-weights_manifest.json` : FACE_ENCODER_MANIFEST_FILE;
  const weightsFile = name ? `${name}.bin` : FACE_ENCODER_WEIGHTS_FILE;
  const manifest: unknown = JSON.parse(readFileSync(join(dir, manifestFile), 'utf8'));
  const bytes = readFileSync(join(dir, weightsFile));
  // A Buffer may be a view into a larger pool: copy out exactly its bytes.
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { manifest, data: data as ArrayBuffer };
}

/** A face-api model's weights, decoded as the app decodes them (the caller owns the tensors). */
export function readFaceApiWeights(name: string): tf.NamedTensorMap {
  const { manifest, data } = readFaceApiModel(name);
  return decodeFaceApiWeights(manifest, data);
}

/**
 * The part of face-api's FaceRecognitionNet the tests call. face-api's .d.ts inlines its own copy
 * of the tfjs types, which TypeScript cannot match with ours, so tests cast the module to this.
 */
export interface FaceApiRecognitionNet {
  loadFromWeightMap(weights: tf.NamedTensorMap): void;
  /** face-api's batch path: one [150, 150, 3] tensor per face → [faces, 128]. */
  forward(faces: tf.Tensor3D[]): Promise<tf.Tensor2D>;
  computeFaceDescriptor(face: tf.Tensor3D): Promise<Float32Array | Float32Array[]>;
  dispose(): void;
}

export interface FaceApiModule {
  FaceRecognitionNet: new () => FaceApiRecognitionNet;
}
