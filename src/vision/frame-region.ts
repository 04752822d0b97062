// Owns which part of a live video frame is read when a face is followed from the last frame:
// the rectangle that holds everything the face search and the aligned crop look at there (the
// detector's region around the last box, the landmark net's square, the crop), with room for the
// face to move, and the check that a face found in it needed nothing outside it. Turning a whole
// 640×480 webcam frame into pixels cost 11–15 ms in the worker here; a 240×236 part, about 2.

import type { DetectedFace, FaceBox } from './face-detector';
import { CROP_SIZE, templateAt, type FivePoints } from './face-template';
import { LANDMARK_SCALE, REGION_SCALE, squareAround } from './search-squares';
import { estimateSimilarity } from './similarity-transform';

/** A rectangle of a frame in whole pixels. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How far the face may move between two frames and still be found and cropped from the part
 * read, as a share of its box's longer side on every side: `detectNear` finds a face that moved
 * 0.4 of its width inside its region, and the crop moves with the face.
 */
const MOVE_ROOM = 0.4;

/** The frame pixels an aligned crop of the face with points `five` is drawn from. */
export function cropFootprint(five: FivePoints): FaceBox {
  // The crop's square mapped back into the frame: a similarity's inverse is its transpose over
  // the squared scale, so each corner is found directly.
  const t = estimateSimilarity(five, templateAt(CROP_SIZE));
  const s2 = t.a * t.a + t.b * t.b;
  const back = (x: number, y: number) => ({
    x: (t.a * (x - t.e) + t.b * (y - t.f)) / s2,
    y: (-t.b * (x - t.e) + t.a * (y - t.f)) / s2,
  });
  const corners = [back(0, 0), back(CROP_SIZE, 0), back(0, CROP_SIZE), back(CROP_SIZE, CROP_SIZE)];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function union(boxes: readonly FaceBox[]): FaceBox {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** `box` cut to the width×height frame; null when nothing of it is inside. */
function inFrame(box: FaceBox, width: number, height: number): FaceBox | null {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  const right = Math.min(width, box.x + box.width);
  const bottom = Math.min(height, box.y + box.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * The part of a width×height frame to read for the face `last` (the last frame's): the
 * detector's region around its box and its crop, each with room to move, cut to the frame, with
 * even corners (a webcam frame is usually 4:2:0, two pixels to a colour sample, and a part that
 * starts between two is not copied the same way by every browser). Null when that
 * is most of the frame anyway (a face filling it), or nothing of it is in the frame.
 */
export function frameRegion(last: DetectedFace, width: number, height: number): PixelRect | null {
  const room = Math.max(last.box.width, last.box.height) * MOVE_ROOM;
  const crop = cropFootprint(last.five);
  const wanted = union([
    squareAround(last.box, REGION_SCALE),
    {
      x: crop.x - room,
      y: crop.y - room,
      width: crop.width + 2 * room,
      height: crop.height + 2 * room,
    },
  ]);
  const part = inFrame(wanted, width, height);
  if (!part) return null;
  const x = Math.max(0, Math.floor(part.x / 2) * 2);
  const y = Math.max(0, Math.floor(part.y / 2) * 2);
  const right = Math.min(width, Math.ceil((part.x + part.width) / 2) * 2);
  const bottom = Math.min(height, Math.ceil((part.y + part.height) / 2) * 2);
  const rect = { x, y, width: right - x, height: bottom - y };
  return rect.width * rect.height > 0.75 * width * height ? null : rect;
}

/**
 * Whether `face`, found in the part `rect` of a width×height frame, was found and can be
 * cropped from that part alone: its crop and its landmark square are inside `rect` wherever they
 * are inside the frame. The square is taken 0.3 of the box wider than the landmark net's, for
 * the box a follow placed the points in before they moved it (an allowance, not a record of
 * what was read; measured on LFW below: the same points as from the whole frame).
 */
export function regionHolds(
  rect: PixelRect,
  face: DetectedFace,
  width: number,
  height: number,
): boolean {
  const needed = union([cropFootprint(face.five), squareAround(face.box, LANDMARK_SCALE + 0.3)]);
  const part = inFrame(needed, width, height);
  if (!part) return false;
  return (
    part.x >= rect.x &&
    part.y >= rect.y &&
    part.x + part.width <= rect.x + rect.width &&
    part.y + part.height <= rect.y + rect.height
  );
}
