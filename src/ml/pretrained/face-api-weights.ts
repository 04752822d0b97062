// Owns decoding face-api.js's weights (a tfjs weights manifest plus its binary shards: the face
// encoder's, the detector's and the landmark net's) into named tensors, without fetching: the
// caller brings the JSON and the bytes.
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../ml-error';

/** The face-api file names, for code that fetches or reads them (public/ or node_modules). */
export const FACE_ENCODER_MANIFEST_FILE = 'face_recognition_model-weights_manifest.json';
export const FACE_ENCODER_WEIGHTS_FILE = 'face_recognition_model.bin';

const BYTES_PER_DTYPE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

type ManifestGroup = tf.io.WeightsManifestConfig[number];

function isManifest(value: unknown): value is tf.io.WeightsManifestConfig {
  return (
    Array.isArray(value) &&
    value.every(
      (group: unknown) =>
        typeof group === 'object' &&
        group !== null &&
        Array.isArray((group as ManifestGroup).weights) &&
        Array.isArray((group as ManifestGroup).paths),
    )
  );
}

/** Bytes one entry takes in the shards: its quantised dtype when quantised, else its own dtype. */
function entryByteLength(entry: tf.io.WeightsManifestEntry): number {
  const dtype = entry.quantization?.dtype ?? entry.dtype;
  const bytes = BYTES_PER_DTYPE[dtype];
  if (bytes === undefined) {
    throw new MlError('invalid-argument', `weight ${entry.name} has unsupported dtype ${dtype}`);
  }
  return entry.shape.reduce((n, d) => n * d, 1) * bytes;
}

/**
 * Decodes the manifest's weights from `data` (the shards of every group, in manifest order, either
 * concatenated or as one buffer per shard). Quantised entries (uint8/uint16 with scale and min,
 * or float16) are dequantised to float32 by tf.io.decodeWeights, exactly as tf.io.loadWeights and
 * face-api's own loader do. The caller owns the returned tensors.
 */
export function decodeFaceApiWeights(
  manifest: unknown,
  data: ArrayBuffer | ArrayBuffer[],
): tf.NamedTensorMap {
  if (!isManifest(manifest)) {
    throw new MlError('invalid-argument', 'not a tfjs weights manifest (an array of groups)');
  }
  const specs = tf.io.getWeightSpecs(manifest);
  const expected = specs.reduce((n, entry) => n + entryByteLength(entry), 0);
  const actual = Array.isArray(data)
    ? data.reduce((n, buffer) => n + buffer.byteLength, 0)
    : data.byteLength;
  if (actual !== expected) {
    throw new MlError(
      'invalid-argument',
      `weights file has ${actual} bytes but the manifest describes ${expected}`,
    );
  }
  return tf.io.decodeWeights(data, specs);
}
