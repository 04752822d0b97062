// Owns how the face detector reads an image: in parts, each resampled to the size a network
// wants, so a video frame is never copied whole into a tensor when only the region around the
// last face and a landmark patch are looked at (copying a 640×480 frame out of a bitmap costs
// about as much as the detector itself). Node and tests read a tensor (`tensorPixels`); the
// browser reads a bitmap through a canvas (faces/bitmap-pixels.ts).

import * as tf from '@tensorflow/tfjs';

/** Grey, the value a square reads where it leaves the image. */
export const OUTSIDE_GREY = 128;

export interface PixelSource {
  readonly width: number;
  readonly height: number;
  /**
   * The square with top-left corner (x, y) and side `side` (image pixels, it may leave the
   * image), resampled to size×size: float32 [size, size, 3], 0..255, grey outside the image.
   * The caller disposes it.
   */
  square(x: number, y: number, side: number, size: number): tf.Tensor3D;
}

/** A decoded image already in a tensor [height, width, 3] (0..255), read by bilinear crops. */
export function tensorPixels(image: tf.Tensor3D): PixelSource {
  const [height, width] = image.shape;
  return {
    width,
    height,
    square: (x, y, side, size) => {
      // Output pixel i covers [x + i·step, x + (i + 1)·step) of the image, as a canvas draws it:
      // sampled at its centre, in pixel-index coordinates (pixel k's centre is at k).
      const step = side / size;
      const first = (start: number) => start + step / 2 - 0.5;
      const last = (start: number) => first(start) + (size - 1) * step;
      return tf.tidy(
        () =>
          tf.image
            .cropAndResize(
              tf.expandDims(tf.cast(image, 'float32'), 0) as tf.Tensor4D,
              [
                [
                  first(y) / (height - 1),
                  first(x) / (width - 1),
                  last(y) / (height - 1),
                  last(x) / (width - 1),
                ],
              ],
              [0],
              [size, size],
              'bilinear',
              OUTSIDE_GREY,
            )
            .squeeze([0]) as tf.Tensor3D,
      );
    },
  };
}

/** `image` as a pixel source, whether a tensor or already one. */
export function asPixelSource(image: tf.Tensor3D | PixelSource): PixelSource {
  return image instanceof tf.Tensor ? tensorPixels(image) : image;
}
