// Owns loading a few identities of the ORL faces (../shared/datasets) as a tensor batch, for tests.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readPngAsRgb } from './png';

/** ../shared beside the repository (as in CI), or FACE_STUDIO_SHARED. */
export const SHARED_ROOT =
  process.env.FACE_STUDIO_SHARED ?? resolve(import.meta.dirname, '../../../../shared');
export const ORL_ROOT = join(SHARED_ROOT, 'datasets/orl-att-faces/images');

export function orlAvailable(): boolean {
  return existsSync(join(ORL_ROOT, 's1'));
}

export interface FaceSet {
  images: tf.Tensor4D; // [n, size, size, 3], float32 in [0, 255]
  labels: Int32Array; // [n]
}

/** Identities s1 … s<identities>, every image, resized to size×size (bilinear). */
export function loadOrlFaces(identities: number, size: number): FaceSet {
  const pixels: tf.Tensor3D[] = [];
  const labels: number[] = [];
  for (let id = 0; id < identities; id++) {
    const dir = join(ORL_ROOT, `s${id + 1}`);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    for (const file of files) {
      const { width, height, rgb } = readPngAsRgb(join(dir, file));
      pixels.push(tf.tensor3d(rgb, [height, width, 3], 'int32'));
      labels.push(id);
    }
  }
  const images = tf.tidy(() => {
    const batch = tf.cast(tf.stack(pixels), 'float32') as tf.Tensor4D; // [n, 112, 92, 3]
    return tf.image.resizeBilinear(batch, [size, size], true); // [n, size, size, 3]
  });
  tf.dispose(pixels);
  return { images, labels: Int32Array.from(labels) };
}
