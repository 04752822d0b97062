// Owns making an off-screen canvas whose pixels are read back (willReadFrequently: the browser
// keeps it in memory rather than on a GPU, so reading it is a copy, not a readback), with the one
// error a browser without off-screen 2D canvases gets.

import { AppError } from '../lib/errors';

/** The 2D context of a new width×height canvas made for reading. */
export function readableContext(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images off-screen.');
  return context;
}
