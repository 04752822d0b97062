// Owns the reading of a 68-point face landmark set (the iBUG 300-W order that face-api.js's
// landmark net outputs) as the five points the alignment template uses.

import type { FivePoints, Point } from './face-template';

function mean(points: readonly Point[], from: number, to: number): Point {
  let x = 0;
  let y = 0;
  for (let i = from; i <= to; i++) {
    x += (points[i] as Point).x;
    y += (points[i] as Point).y;
  }
  const n = to - from + 1;
  return { x: x / n, y: y / n };
}

/** Eye centres (points 36–41 and 42–47), nose tip (30), mouth corners (48, 54). */
export function fivePointsFrom68(points: readonly Point[]): FivePoints {
  if (points.length !== 68) throw new Error(`Expected 68 landmarks, got ${points.length}.`);
  return [
    mean(points, 36, 41),
    mean(points, 42, 47),
    points[30] as Point,
    points[48] as Point,
    points[54] as Point,
  ];
}

/** Distance between the eye centres, in the landmarks' pixels: the face's size for quality checks. */
export function eyeDistance(five: FivePoints): number {
  return Math.hypot(five[1].x - five[0].x, five[1].y - five[0].y);
}
