// Intersection over union of face boxes: the same box, a shifted one, one inside another, apart.
import { describe, expect, it } from 'vitest';
import { boxOverlap } from './box-overlap';

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe('boxOverlap', () => {
  it('is 1 for the same box and symmetric', () => {
    expect(boxOverlap(box(10, 20, 100, 120), box(10, 20, 100, 120))).toBe(1);
    const [a, b] = [box(0, 0, 100, 100), box(50, 0, 100, 100)];
    expect(boxOverlap(a, b)).toBeCloseTo(5000 / 15000, 10);
    expect(boxOverlap(b, a)).toBeCloseTo(5000 / 15000, 10);
  });

  it('is the inner box’s share for a box inside another', () => {
    expect(boxOverlap(box(0, 0, 100, 100), box(25, 25, 50, 50))).toBeCloseTo(0.25, 10);
  });

  it('is 0 for boxes apart, touching, or empty', () => {
    expect(boxOverlap(box(0, 0, 10, 10), box(20, 20, 10, 10))).toBe(0);
    expect(boxOverlap(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0);
    expect(boxOverlap(box(0, 0, 0, 0), box(0, 0, 0, 0))).toBe(0);
  });
});
