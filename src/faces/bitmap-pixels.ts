// Owns reading a decoded image (a bitmap or a canvas) as the face detector's pixel source in a
// browser: each square is drawn straight from the image into a small canvas made for reading
// (willReadFrequently) and copied out, so a live frame's region and landmark patch cost a few milliseconds where
// copying the whole 640×480 frame into a tensor cost about 20 (measured in the bench, WASM).

import * as tf from '@tensorflow/tfjs';
import { AppError } from '../lib/errors';
import { OUTSIDE_GREY, type PixelSource } from '../vision/pixel-source';

type Drawable = ImageBitmap | OffscreenCanvas;

/** Draws `draw` onto a width×height canvas and reads it back as float32 RGB [h, w, 3]. */
function readCanvas(
  width: number,
  height: number,
  draw: (context: OffscreenCanvasRenderingContext2D) => void,
): tf.Tensor3D {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  context.imageSmoothingQuality = 'medium';
  draw(context);
  const rgba = context.getImageData(0, 0, width, height).data;
  const rgb = new Float32Array(width * height * 3);
  for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) {
    rgb[q] = rgba[p] as number;
    rgb[q + 1] = rgba[p + 1] as number;
    rgb[q + 2] = rgba[p + 2] as number;
  }
  return tf.tensor3d(rgb, [height, width, 3]);
}

/** `image` as a pixel source; it must stay open while the source is used. */
export function bitmapPixels(image: Drawable): PixelSource {
  const { width, height } = image;
  return {
    width,
    height,
    square: (x, y, side, size) =>
      readCanvas(size, size, (context) => {
        context.fillStyle = `rgb(${OUTSIDE_GREY}, ${OUTSIDE_GREY}, ${OUTSIDE_GREY})`;
        context.fillRect(0, 0, size, size);
        const scale = size / side;
        context.drawImage(image, -x * scale, -y * scale, width * scale, height * scale);
      }),
    whole: () => readCanvas(width, height, (context) => context.drawImage(image, 0, 0)),
  };
}
