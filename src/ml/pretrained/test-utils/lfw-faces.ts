// Owns loading LFW images (../shared/datasets/dev-lfw10to19) as face-encoder input, for tests:
// decode, take the central square around the aligned face, resize to 150×150.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { SHARED_ROOT } from '../../test-utils/orl-faces';
import { FACE_ENCODER_INPUT } from '../face-encoder';
import { decodeBaselineJpeg } from './baseline-jpeg';

export const LFW_ROOT = join(SHARED_ROOT, 'datasets/dev-lfw10to19/images');

/** The LFW images are 250×250 with the face in the central ~110 px. */
const LFW_FACE_CROP = 110;

export function lfwAvailable(): boolean {
  return existsSync(join(LFW_ROOT, 'Adrien_Brody'));
}

/** `<root>/<identity>/<identity>_<0001>.jpg`, LFW's naming. */
export function lfwImagePath(identity: string, index: number): string {
  return join(LFW_ROOT, identity, `${identity}_${String(index).padStart(4, '0')}.jpg`);
}

export function readLfwRgb(path: string): tf.Tensor3D {
  const { width, height, rgb } = decodeBaselineJpeg(new Uint8Array(readFileSync(path)));
  return tf.tensor3d(rgb, [height, width, 3], 'int32'); // [250, 250, 3]
}

/** [n, 150, 150, 3] float32 in 0..255, RGB: the centre crop of each image, resized bilinearly. */
export function loadLfwFaces(paths: readonly string[], crop = LFW_FACE_CROP): tf.Tensor4D {
  const size = FACE_ENCODER_INPUT.size;
  return tf.tidy(() => {
    const faces = paths.map((path) => {
      const image = readLfwRgb(path);
      const [height, width] = image.shape;
      const top = Math.floor((height - crop) / 2);
      const left = Math.floor((width - crop) / 2);
      return tf.slice(image, [top, left, 0], [crop, crop, 3]); // [crop, crop, 3]
    });
    const batch = tf.cast(tf.stack(faces), 'float32') as tf.Tensor4D; // [n, crop, crop, 3]
    return tf.image.resizeBilinear(batch, [size, size]); // [n, 150, 150, 3]
  });
}
