// Owns embedding real test faces (LFW, ORL) with the pretrained encoder in Node, as the studio
// embeds faces: face and mirror image summed, L2-normalised, 128-d rows. LFW faces are cut at the
// studio's framing (see STUDIO_FRAMING) or, for comparison, at lfw-faces.ts's centre crop. Runs
// on the wasm backend (the cpu backend takes ~1 s per image for the encoder).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { seededRandom, shuffled } from '../../../lib/seeded-random';
import { l2Normalize } from '../../l2-normalize';
import { decodeFaceApiWeights } from '../../pretrained/face-api-weights';
import {
  createFaceEncoder,
  FACE_ENCODER_EMBEDDING_DIM,
  type FaceEncoder,
} from '../../pretrained/face-encoder';
import { readFaceApiModel } from '../../pretrained/test-utils/face-api-model';
import { LFW_ROOT, loadLfwFaces, readLfwRgb } from '../../pretrained/test-utils/lfw-faces';
import { loadOrlFaces, ORL_ROOT } from '../../test-utils/orl-faces';
import { registerWasmTrainingKernels } from '../../wasm-training/register-wasm-training-kernels';

export interface LabelledFaces {
  /** [count, 128] row-major, unit rows */
  embeddings: Float32Array;
  dim: number;
  /** The person of each row, 0-based in the order of `people`. */
  labels: Int32Array;
  people: string[];
}

/**
 * Where the studio's aligned crop of an LFW face sits in LFW's 250 × 250 deep-funnelled image:
 * the median over 186 images of dev-lfw10to19 (every 7th) of the square that vision's detector,
 * landmarks and similarity alignment map onto the crop (side sd 12 px, corner sd 6–8 px,
 * rotation sd 3°). ml/ may not import vision/, so tests cut this fixed square instead: on all of
 * dev-lfw10to19 the leave-one-out nearest neighbour is the same person for 98.2 % of faces, for
 * 99.0 % with per-image alignment and for 95.8 % with lfw-faces.ts's centre 110 px.
 */
export const STUDIO_FRAMING = { left: 66, top: 78, side: 115 } as const;

export type LfwFraming = 'studio' | 'centre';

/** [n, 150, 150, 3] float32 0..255: each image's STUDIO_FRAMING square, resized bilinearly. */
export function loadLfwFramed(paths: readonly string[]): tf.Tensor4D {
  const { left, top, side } = STUDIO_FRAMING;
  return tf.tidy(() => {
    const squares = paths.map((path) => {
      const image = readLfwRgb(path); // [250, 250, 3]
      return tf.slice(image, [top, left, 0], [side, side, 3]); // [115, 115, 3]
    });
    const batch = tf.cast(tf.stack(squares), 'float32') as tf.Tensor4D; // [n, 115, 115, 3]
    return tf.image.resizeBilinear(batch, [150, 150]); // [n, 150, 150, 3]
  });
}

/** Images per encoder call: large enough to amortise a call, small enough for memory. */
const BATCH = 16;

/** The frozen encoder on the wasm backend; the caller disposes it. */
export async function createTestEncoder(): Promise<FaceEncoder> {
  registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
  await tf.setBackend('wasm');
  const { manifest, data } = readFaceApiModel();
  const weights = decodeFaceApiWeights(manifest, data);
  const encoder = createFaceEncoder(weights, { trainable: false });
  tf.dispose(weights);
  return encoder;
}

/** [n, 150, 150, 3] faces → [n, 128] unit rows of face + mirror image, as the studio embeds. */
export async function embedBatch(encoder: FaceEncoder, faces: tf.Tensor4D): Promise<Float32Array> {
  const embedded = tf.tidy(() =>
    l2Normalize(tf.add(encoder.apply(faces), encoder.apply(tf.reverse(faces, 2))), 1),
  ); // [n, 128]
  const rows = (await embedded.data()) as Float32Array;
  embedded.dispose();
  return rows;
}

/**
 * The first `people` identities of dev-lfw10to19 (sorted by name; all of them when omitted), each
 * shuffled with `seed` and capped at `perPerson` images, as folder-v1 step 2 picks them.
 */
export function lfwSelection(
  perPerson: number,
  people?: number,
  seed = 42,
): { paths: string[]; labels: Int32Array; people: string[] } {
  const names = readdirSync(LFW_ROOT).sort().slice(0, people);
  const paths: string[] = [];
  const labels: number[] = [];
  names.forEach((name, label) => {
    const files = readdirSync(join(LFW_ROOT, name))
      .filter((file) => file.endsWith('.jpg'))
      .sort();
    for (const file of shuffled(files, seededRandom(seed)).slice(0, perPerson)) {
      paths.push(join(LFW_ROOT, name, file));
      labels.push(label);
    }
  });
  return { paths, labels: Int32Array.from(labels), people: names };
}

/** Embeds LFW images `BATCH` at a time, cut at the studio's framing unless told otherwise. */
export async function embedLfw(
  encoder: FaceEncoder,
  selection: { paths: string[]; labels: Int32Array; people: string[] },
  framing: LfwFraming = 'studio',
): Promise<LabelledFaces> {
  const load = framing === 'studio' ? loadLfwFramed : loadLfwFaces;
  const dim = FACE_ENCODER_EMBEDDING_DIM;
  const embeddings = new Float32Array(selection.paths.length * dim);
  for (let start = 0; start < selection.paths.length; start += BATCH) {
    const faces = load(selection.paths.slice(start, start + BATCH)); // [≤16, 150, 150, 3]
    embeddings.set(await embedBatch(encoder, faces), start * dim);
    faces.dispose();
  }
  return { embeddings, dim, labels: selection.labels, people: selection.people };
}

/** How many ORL identities (s1 … sN) the shared folder holds. */
export function orlPeopleAvailable(): number {
  return readdirSync(ORL_ROOT).filter((name) => /^s\d+$/.test(name)).length;
}

/** ORL identities s1 … s<people>, all ten images each, the whole 112×92 image resized to 150². */
export async function embedOrl(encoder: FaceEncoder, people: number): Promise<LabelledFaces> {
  const dim = FACE_ENCODER_EMBEDDING_DIM;
  const { images, labels } = loadOrlFaces(people, 150); // [n, 150, 150, 3]
  const count = labels.length;
  const embeddings = new Float32Array(count * dim);
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const faces = tf.slice(images, [start, 0, 0, 0], [size, -1, -1, -1]); // [size, 150, 150, 3]
    embeddings.set(await embedBatch(encoder, faces), start * dim);
    faces.dispose();
  }
  images.dispose();
  const names = Array.from({ length: people }, (_, id) => `s${id + 1}`);
  return { embeddings, dim, labels, people: names };
}
