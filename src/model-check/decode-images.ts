// Owns decoding image files in the model-check page as the studio decodes its stored crops
// (src/runs/training-data.ts) and as metadata.json tells a web page to: createImageBitmap
// resized to size×size with quality "high", as float32 RGB 0..255.
import * as tf from '@tensorflow/tfjs';

export interface ImageFile {
  bytes: ArrayLike<number>;
  /** MIME type, or '' to let the browser sniff it. */
  type: string;
}

/** [n, size, size, 3] float32 RGB 0..255; the caller disposes it. */
export async function decodeImages(
  images: readonly ImageFile[],
  size: number,
): Promise<tf.Tensor4D> {
  const frames: tf.Tensor3D[] = [];
  try {
    for (const image of images) {
      const blob = new Blob([new Uint8Array(image.bytes)], { type: image.type });
      const bitmap = await createImageBitmap(blob, {
        resizeWidth: size,
        resizeHeight: size,
        resizeQuality: 'high',
      });
      frames.push(tf.browser.fromPixels(bitmap));
      bitmap.close();
    }
    return tf.tidy(() => tf.cast(tf.stack(frames), 'float32') as tf.Tensor4D);
  } finally {
    tf.dispose(frames);
  }
}
