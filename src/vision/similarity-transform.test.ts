// The alignment geometry: an exact similarity is recovered from its own points, noise-free or
// not, and the template frames the face as documented (eye-to-mouth 0.45, centroid (0.5, 0.43)).
import { describe, expect, test } from 'vitest';
import { FACE_TEMPLATE, templateAt, type Point } from './face-template';
import {
  affineScale,
  applyAffine,
  centredSquareTransform,
  estimateSimilarity,
} from './similarity-transform';

describe('estimateSimilarity', () => {
  test('recovers a known rotation, scale and shift exactly', () => {
    const angle = 0.3;
    const scale = 1.7;
    const truth = {
      a: scale * Math.cos(angle),
      b: scale * Math.sin(angle),
      c: -scale * Math.sin(angle),
      d: scale * Math.cos(angle),
      e: 12,
      f: -4,
    };
    const from: Point[] = [
      { x: 10, y: 20 },
      { x: 50, y: 22 },
      { x: 30, y: 40 },
      { x: 15, y: 60 },
      { x: 45, y: 61 },
    ];
    const to = from.map((p) => applyAffine(truth, p));
    const found = estimateSimilarity(from, to);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f'] as const)
      expect(found[key]).toBeCloseTo(truth[key], 9);
    expect(affineScale(found)).toBeCloseTo(scale, 9);
  });

  test('maps a tilted, shrunken face back onto the template', () => {
    const template = templateAt(128);
    const tilt = {
      a: 0.5 * Math.cos(-0.4),
      b: 0.5 * Math.sin(-0.4),
      c: -0.5 * Math.sin(-0.4),
      d: 0.5 * Math.cos(-0.4),
      e: 300,
      f: 200,
    };
    const detected = template.map((p) => applyAffine(tilt, p));
    const align = estimateSimilarity(detected, template);
    detected.forEach((p, i) => {
      expect(applyAffine(align, p).x).toBeCloseTo(template[i]!.x, 6);
      expect(applyAffine(align, p).y).toBeCloseTo(template[i]!.y, 6);
    });
  });

  test('refuses fewer than two or identical points', () => {
    expect(() => estimateSimilarity([{ x: 1, y: 1 }], [{ x: 2, y: 2 }])).toThrow();
    expect(() =>
      estimateSimilarity(
        [
          { x: 1, y: 1 },
          { x: 1, y: 1 },
        ],
        [
          { x: 2, y: 2 },
          { x: 3, y: 3 },
        ],
      ),
    ).toThrow();
  });
});

describe('the face template', () => {
  test('has eye-to-mouth distance 0.45 and its eye–mouth centroid at (0.5, 0.43)', () => {
    const [leftEye, rightEye, , mouthLeft, mouthRight] = FACE_TEMPLATE;
    const mouth = { x: (mouthLeft.x + mouthRight.x) / 2, y: (mouthLeft.y + mouthRight.y) / 2 };
    const toMouth = (p: Point) => Math.hypot(p.x - mouth.x, p.y - mouth.y);
    expect((toMouth(leftEye) + toMouth(rightEye)) / 2).toBeCloseTo(0.45, 9);
    expect((leftEye.x + rightEye.x + mouth.x) / 3).toBeCloseTo(0.5, 9);
    expect((leftEye.y + rightEye.y + mouth.y) / 3).toBeCloseTo(0.43, 9);
  });
});

describe('centredSquareTransform', () => {
  test('maps the centred square of a landscape image onto the crop', () => {
    const t = centredSquareTransform(300, 200, 100);
    expect(applyAffine(t, { x: 50, y: 0 })).toEqual({ x: 0, y: 0 });
    expect(applyAffine(t, { x: 250, y: 200 })).toEqual({ x: 100, y: 100 });
  });
});
