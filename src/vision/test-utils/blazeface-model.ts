// Owns reading BlazeFace's model files (shipped in src/faces/models/) in Node, for tests and
// benchmarks; the app fetches the same files from its own origin (faces/face-models.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import { blazeFaceArtifacts } from '../blazeface';

const MODEL_DIR = fileURLToPath(new URL('../../faces/models/', import.meta.url));

/** BlazeFace's graph model as artifacts for `createBlazeFace` or the face detector's quick look. */
export function readBlazeFaceArtifacts(): tf.io.ModelArtifacts {
  const model = JSON.parse(readFileSync(`${MODEL_DIR}blazeface-front.json`, 'utf8')) as Parameters<
    typeof blazeFaceArtifacts
  >[0];
  const bytes = readFileSync(`${MODEL_DIR}blazeface-front.bin`);
  return blazeFaceArtifacts(
    model,
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}
