// Owns the geometry of alignment: the least-squares similarity transform (rotation, uniform
// scale, translation; no reflection) that maps detected landmarks onto the template (Umeyama,
// 1991), and the transform of a centred square for images without a face. A transform is kept
// in the canvas order (a, b, c, d, e, f): x' = a·x + c·y + e, y' = b·x + d·y + f, so the worker
// draws with `context.setTransform(a, b, c, d, e, f)`.

import type { Point } from './face-template';

export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/** The similarity transform minimising Σ‖T(from[i]) − to[i]‖². Needs two or more distinct points. */
export function estimateSimilarity(from: readonly Point[], to: readonly Point[]): Affine {
  if (from.length !== to.length || from.length < 2)
    throw new Error('estimateSimilarity needs matching lists of two or more points.');
  const n = from.length;
  const mean = (points: readonly Point[]) => ({
    x: points.reduce((s, p) => s + p.x, 0) / n,
    y: points.reduce((s, p) => s + p.y, 0) / n,
  });
  const mf = mean(from);
  const mt = mean(to);
  let dot = 0;
  let cross = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const p = from[i] as Point;
    const q = to[i] as Point;
    const px = p.x - mf.x;
    const py = p.y - mf.y;
    const qx = q.x - mt.x;
    const qy = q.y - mt.y;
    dot += px * qx + py * qy;
    cross += px * qy - py * qx;
    variance += px * px + py * py;
  }
  if (variance === 0) throw new Error('estimateSimilarity needs distinct points.');
  const cos = dot / variance; // scale · cos θ
  const sin = cross / variance; // scale · sin θ
  return {
    a: cos,
    b: sin,
    c: -sin,
    d: cos,
    e: mt.x - (cos * mf.x - sin * mf.y),
    f: mt.y - (sin * mf.x + cos * mf.y),
  };
}

export function applyAffine(t: Affine, p: Point): Point {
  return { x: t.a * p.x + t.c * p.y + t.e, y: t.b * p.x + t.d * p.y + t.f };
}

/** The uniform scale of a similarity transform. */
export function affineScale(t: Affine): number {
  return Math.hypot(t.a, t.b);
}

/** Maps the largest centred square of a width×height image onto a size×size crop. */
export function centredSquareTransform(width: number, height: number, size: number): Affine {
  const side = Math.min(width, height);
  const scale = size / side;
  return {
    a: scale,
    b: 0,
    c: 0,
    d: scale,
    e: -Math.floor((width - side) / 2) * scale,
    f: -Math.floor((height - side) / 2) * scale,
  };
}
