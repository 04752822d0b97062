// Owns finding the face of a live Verify frame (a VideoFrame) and reading only as much of the
// frame as that needs: with a face in the last frame, only the part around it (vision/
// frame-region.ts) is turned into pixels, and the face is followed by its landmarks or looked for
// near its last box there; the whole frame is read when the face is not in that part or its crop
// reaches beyond it, or there was no face to start from, or the browser cannot copy a part of
// this frame as it is shown (no RGBA conversion in `copyTo`; a cropped, scaled or turned frame).
// Frames are read into one canvas, kept from frame to frame. Measured in the worker here (medians over a live-Verify run): a 240×236
// part copied out of the frame in 1.9–2.2 ms, where drawing the whole 640×480 frame took 11–15;
// and giving a 640×480 canvas its pixels the first time took 4.7 ms, so it is not made anew for
// each frame. Browser-only (VideoFrame, OffscreenCanvas).

import type { DetectedFace } from '../vision/face-detector';
import { frameRegion, regionHolds, type PixelRect } from '../vision/frame-region';
import { cropFace, faceNear, followFace, type FaceCrop } from './face-crop';
import { readableContext } from './readable-canvas';

/** The last live frame's face, and whether this frame may follow it without a detector. */
export interface LastLiveFace {
  face: DetectedFace;
  follow: boolean;
}

export interface LiveFaceCrop {
  crop: FaceCrop;
  /** Whether the face was followed by its landmarks alone. */
  followed: boolean;
  /** What was read of the frame: the part around the last face, or all of it. */
  read: 'part' | 'whole';
}

/**
 * Whether this browser's `VideoFrame.copyTo` converts to RGBA (a browser that does not know the
 * `format` option ignores it and copies the frame's own planes: wrong pixels, no error). Asked
 * once, of a 2×2 frame: 16 bytes as RGBA, 6 as its own 4:2:0.
 */
let copyableParts: boolean | null = null;

function partsCopyable(): boolean {
  if (copyableParts === null) {
    try {
      const probe = new VideoFrame(new Uint8Array(6), {
        format: 'I420',
        codedWidth: 2,
        codedHeight: 2,
        timestamp: 0,
      });
      try {
        copyableParts = probe.allocationSize({ format: 'RGBA' }) === 16;
      } finally {
        probe.close();
      }
    } catch {
      copyableParts = false;
    }
  }
  return copyableParts;
}

/** Reads live frames one at a time (a caller awaits each before the next). */
export class LiveFrameReader {
  private context: OffscreenCanvasRenderingContext2D | null = null;
  /** What the canvas holds of the last frame read: cleared before the next part is put in. */
  private filled: PixelRect | null = null;

  /** The frame-sized canvas made for reading, kept while frames keep their size. */
  private canvasFor(width: number, height: number): OffscreenCanvasRenderingContext2D {
    const kept = this.context;
    if (kept && kept.canvas.width === width && kept.canvas.height === height) return kept;
    const context = readableContext(width, height);
    this.context = context;
    this.filled = null;
    return context;
  }

  /**
   * `rect` of `frame` (display pixels; RGBA from `copyTo`) in the frame canvas, transparent
   * elsewhere, which reads as the grey outside an image (squares and crops are drawn over grey).
   * Null when this frame's part cannot be copied as it is shown (see `partsCopyable`).
   */
  private async readPart(frame: VideoFrame, rect: PixelRect): Promise<OffscreenCanvas | null> {
    const visible = frame.visibleRect;
    // copyTo's rect is in the frame's coded pixels; drawImage shows its visible rectangle at the
    // display size. Only where the two are the same size can a part be copied in place, and its
    // corners must stay even in coded pixels (two pixels to a colour sample).
    const turned = frame as { rotation?: number; flip?: boolean };
    if (
      !partsCopyable() ||
      !visible ||
      (turned.rotation ?? 0) !== 0 ||
      turned.flip === true ||
      visible.width !== frame.displayWidth ||
      visible.height !== frame.displayHeight ||
      visible.x % 2 !== 0 ||
      visible.y % 2 !== 0
    )
      return null;
    const pixels = new Uint8ClampedArray(rect.width * rect.height * 4);
    const coded = { ...rect, x: rect.x + visible.x, y: rect.y + visible.y };
    try {
      await frame.copyTo(pixels, { rect: coded, format: 'RGBA', colorSpace: 'srgb' });
    } catch {
      // A frame this browser cannot copy a part of (one held on the GPU, say): whole frames
      // from now on.
      copyableParts = false;
      return null;
    }
    const context = this.canvasFor(frame.displayWidth, frame.displayHeight);
    if (this.filled)
      context.clearRect(this.filled.x, this.filled.y, this.filled.width, this.filled.height);
    context.putImageData(new ImageData(pixels, rect.width, rect.height), rect.x, rect.y);
    this.filled = rect;
    return context.canvas;
  }

  /** The whole of `frame` in the frame canvas. */
  private readWhole(frame: VideoFrame): OffscreenCanvas {
    const { displayWidth: width, displayHeight: height } = frame;
    const context = this.canvasFor(width, height);
    context.clearRect(0, 0, width, height);
    context.drawImage(frame, 0, 0);
    this.filled = { x: 0, y: 0, width, height };
    return context.canvas;
  }

  /**
   * The face of `frame` (closed here) aligned and cropped: followed from `last` or looked for
   * near it in the part of the frame around it first, else in the whole frame; an AppError
   * 'no-face' when there is none.
   */
  async faceCrop(frame: VideoFrame, last: LastLiveFace | null): Promise<LiveFaceCrop> {
    try {
      const width = frame.displayWidth;
      const height = frame.displayHeight;
      const rect = last ? frameRegion(last.face, width, height) : null;
      const part = last && rect ? await this.readPart(frame, rect) : null;
      // What the part showed: the face followed, found near its last box, or not there.
      let inPart: 'followed' | 'found' | 'absent' | null = null;
      if (last && rect && part) {
        const followed = last.follow ? await followFace(part, last.face) : null;
        const crop = followed ?? (await faceNear(part, last.face.box));
        if (crop?.face && regionHolds(rect, crop.face, width, height))
          return { crop, followed: followed !== null, read: 'part' };
        inPart = followed ? 'followed' : crop ? 'found' : 'absent';
      }
      // The whole frame, as the part would have been read (its crop reached beyond the part, or
      // no part was read); a face not in the part at all is looked for everywhere.
      const whole = this.readWhole(frame);
      const followed =
        last?.follow && (inPart === null || inPart === 'followed')
          ? await followFace(whole, last.face)
          : null;
      const near = last && inPart !== 'absent' ? last.face.box : undefined;
      const crop = followed ?? (await cropFace(whole, 'skip', 'The photo', near));
      return { crop, followed: followed !== null, read: 'whole' };
    } finally {
      frame.close();
    }
  }
}
