// Owns reading a decoded image (a bitmap or a canvas) as the face detector's pixel source in a
// browser: each square is drawn straight from the image into a small canvas made for reading
// (willReadFrequently) and copied out, so a live frame's region and landmark patch cost a few
// milliseconds where copying the whole 640×480 frame into a tensor cost about 20 (measured in
// the bench, WASM).

import * as tf from '@tensorflow/tfjs';
import { AppError } from '../lib/errors';
import { OUTSIDE_GREY, type PixelSource } from '../vision/pixel-source';
import { copyRgb } from './crop-pixels';

/** `image` as a pixel source; it must stay open while the source is used. */
export function bitmapPixels(image: ImageBitmap | OffscreenCanvas): PixelSource {
  const { width, height } = image;
  return {
    width,
    height,
    square(x, y, side, size) {
      const canvas = new OffscreenCanvas(size, size);
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context)
        throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
      context.imageSmoothingQuality = 'medium';
      context.fillStyle = `rgb(${OUTSIDE_GREY}, ${OUTSIDE_GREY}, ${OUTSIDE_GREY})`;
      context.fillRect(0, 0, size, size);
      const scale = size / side;
      context.drawImage(image, -x * scale, -y * scale, width * scale, height * scale);
      const rgb = new Float32Array(size * size * 3);
      copyRgb(context.getImageData(0, 0, size, size).data, rgb, 0);
      return tf.tensor3d(rgb, [size, size, 3]);
    },
  };
}
