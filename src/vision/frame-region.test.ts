// The part of a live frame read around the last face: it holds the crop and the detector's
// region, its corners are even and inside the frame, and a face found beyond it is caught.
import { describe, expect, test } from 'vitest';
import type { DetectedFace } from './face-detector';
import { CROP_SIZE, templateAt, type FivePoints } from './face-template';
import { cropFootprint, frameRegion, regionHolds } from './frame-region';
import { applyAffine, estimateSimilarity } from './similarity-transform';

/** A face whose points are the template scaled by `scale`, turned by `angle`, at (x, y). */
function faceAt(x: number, y: number, scale = 1, angle = 0): DetectedFace {
  const cos = Math.cos(angle) * scale;
  const sin = Math.sin(angle) * scale;
  const five = templateAt(CROP_SIZE).map((p) => ({
    x: x + cos * p.x - sin * p.y,
    y: y + sin * p.x + cos * p.y,
  })) as unknown as FivePoints;
  // A box as the detector draws one: about the face's width, from the brows to the chin.
  const side = 80 * scale;
  const centre = { x: (five[0].x + five[1].x) / 2, y: five[2].y };
  return {
    box: { x: centre.x - side / 2, y: centre.y - side / 2, width: side, height: side },
    score: 0.9,
    five,
    landmarks: [],
  };
}

describe('cropFootprint', () => {
  test('is the crop square mapped back into the frame', () => {
    const upright = cropFootprint(faceAt(100, 50, 1.5).five);
    expect(upright.x).toBeCloseTo(100, 6);
    expect(upright.y).toBeCloseTo(50, 6);
    expect(upright.width).toBeCloseTo(CROP_SIZE * 1.5, 6);
    // Turned by 30°, the square's bounding box grows by cos + sin, and the crop's corners map
    // back inside it.
    const face = faceAt(200, 100, 1, Math.PI / 6);
    const turned = cropFootprint(face.five);
    expect(turned.width).toBeCloseTo(
      CROP_SIZE * (Math.cos(Math.PI / 6) + Math.sin(Math.PI / 6)),
      6,
    );
    const toCrop = estimateSimilarity(face.five, templateAt(CROP_SIZE));
    const centre = applyAffine(toCrop, {
      x: turned.x + turned.width / 2,
      y: turned.y + turned.height / 2,
    });
    expect(centre.x).toBeCloseTo(CROP_SIZE / 2, 6);
    expect(centre.y).toBeCloseTo(CROP_SIZE / 2, 6);
  });
});

describe('frameRegion', () => {
  test('holds the crop and the search region with room to move, in even pixels of the frame', () => {
    const face = faceAt(250, 150);
    const rect = frameRegion(face, 640, 480);
    expect(rect).not.toBeNull();
    if (!rect) return;
    for (const value of [rect.x, rect.y, rect.width, rect.height])
      expect(value % 2, `${JSON.stringify(rect)} has an odd corner`).toBe(0);
    const crop = cropFootprint(face.five);
    expect(rect.x).toBeLessThanOrEqual(crop.x - 0.4 * 80);
    expect(rect.x + rect.width).toBeGreaterThanOrEqual(crop.x + crop.width + 0.4 * 80);
    expect(rect.y).toBeLessThanOrEqual(crop.y - 0.4 * 80);
    expect(rect.y + rect.height).toBeGreaterThanOrEqual(crop.y + crop.height + 0.4 * 80);
    expect(rect.width * rect.height).toBeLessThan(0.5 * 640 * 480);
    expect(regionHolds(rect, face, 640, 480)).toBe(true);
    // Moved a quarter of its box: still held; moved a whole box: its crop is beyond the part.
    expect(regionHolds(rect, faceAt(270, 160), 640, 480)).toBe(true);
    expect(regionHolds(rect, faceAt(330, 150), 640, 480)).toBe(false);
  });

  test('is cut to the frame for a face at its edge, and what lies outside the frame is not needed', () => {
    const face = faceAt(-30, -20);
    const rect = frameRegion(face, 640, 480);
    expect(rect).toMatchObject({ x: 0, y: 0 });
    if (!rect) return;
    expect(rect.x + rect.width).toBeLessThanOrEqual(640);
    expect(regionHolds(rect, face, 640, 480)).toBe(true);
  });

  test('keeps even corners inside a frame of odd size, at its right and bottom edges', () => {
    const face = faceAt(560, 400);
    const rect = frameRegion(face, 641, 481);
    expect(rect).not.toBeNull();
    if (!rect) return;
    expect(rect.x % 2).toBe(0);
    expect(rect.y % 2).toBe(0);
    // The far edges are the frame's own (odd) edges: the part cannot reach beyond them.
    expect(rect.x + rect.width).toBe(641);
    expect(rect.y + rect.height).toBe(481);
    expect(regionHolds(rect, face, 641, 481)).toBe(true);
  });

  test('is null when the face fills most of the frame or is gone from it', () => {
    expect(frameRegion(faceAt(100, 20, 3), 640, 480)).toBeNull();
    expect(frameRegion(faceAt(2000, 2000), 640, 480)).toBeNull();
  });
});
