// Owns reading a decoded image (a bitmap or a canvas) as the face detector's pixel source in a
// browser: each square is drawn into a small canvas made for reading (willReadFrequently) and
// copied out, so a live frame's region and landmark patch cost a few milliseconds where copying
// the whole 640×480 frame into a tensor cost about 20 (measured in the bench, WASM). Squares are
// drawn from the canvas given, or from a bitmap's copy, made in a readable canvas at the first
// square (below: drawn from the bitmap itself, each square copied it all back from the GPU).

import * as tf from '@tensorflow/tfjs';
import { OUTSIDE_GREY, type PixelSource } from '../vision/pixel-source';
import { copyRgb } from './crop-pixels';
import { readableContext } from './readable-canvas';

/** `image` (a bitmap or a video frame) drawn whole into a new canvas made for reading. */
export function readableCopy(
  image: ImageBitmap | VideoFrame,
  width: number,
  height: number,
): OffscreenCanvas {
  const context = readableContext(width, height);
  context.drawImage(image, 0, 0);
  return context.canvas;
}

/**
 * One canvas per square size, kept: a canvas's pixels are made when it is first drawn on, which
 * took 4.7 ms for a 640×480 one in a live-Verify run here (these squares are 112 and 192 px, so
 * less, but every frame). A square is drawn and read at once, so one canvas of a size serves
 * every source.
 */
const squareCanvases = new Map<number, OffscreenCanvasRenderingContext2D>();

function squareCanvas(size: number): OffscreenCanvasRenderingContext2D {
  const kept = squareCanvases.get(size);
  if (kept) return kept;
  const context = readableContext(size, size);
  context.imageSmoothingQuality = 'medium';
  squareCanvases.set(size, context);
  return context;
}

/** `image` as a pixel source; it must stay open while the source is used. */
export function bitmapPixels(image: ImageBitmap | OffscreenCanvas): PixelSource {
  const { width, height } = image;
  // A bitmap is copied once into a canvas made for reading: drawing a part of a GPU-held bitmap
  // into such a canvas copied the whole bitmap back each time (5–20 ms a part for a webcam frame
  // here). A canvas is read as it is (Verify's frame canvas is made for reading).
  let readable: OffscreenCanvas | null = image instanceof OffscreenCanvas ? image : null;
  const source = (): OffscreenCanvas =>
    (readable ??= readableCopy(image as ImageBitmap, width, height));
  return {
    width,
    height,
    square(x, y, side, size) {
      const context = squareCanvas(size);
      context.fillStyle = `rgb(${OUTSIDE_GREY}, ${OUTSIDE_GREY}, ${OUTSIDE_GREY})`;
      context.fillRect(0, 0, size, size);
      const scale = size / side;
      context.drawImage(source(), -x * scale, -y * scale, width * scale, height * scale);
      const rgb = new Float32Array(size * size * 3);
      copyRgb(context.getImageData(0, 0, size, size).data, rgb, 0);
      return tf.tensor3d(rgb, [size, size, 3]);
    },
  };
}
