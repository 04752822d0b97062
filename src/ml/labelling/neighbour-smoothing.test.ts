// Neighbour smoothing on hand-worked vectors: a face adds only its k nearest neighbours at or
// above the floor, and the sum comes back at unit length.
import { describe, expect, test } from 'vitest';
import { smoothWithNeighbours } from './neighbour-smoothing';

const at = (degrees: number) => [
  Math.cos((degrees * Math.PI) / 180),
  Math.sin((degrees * Math.PI) / 180),
];

describe('smoothWithNeighbours', () => {
  // Faces at 0°, 10°, 20° and 90°: cos 10° = 0.985, cos 20° = 0.940, cos 70° = 0.342.
  const x = new Float32Array([...at(0), ...at(10), ...at(20), ...at(90)]);

  test('adds the neighbours at or above the floor and renormalises', () => {
    const y = smoothWithNeighbours(x, 2, { neighbours: 5, floor: 0.9 });
    // 0° + 10° + 20° points at 10°; 10° + 0° + 20° too; a lone 90° stays where it is.
    for (const row of [0, 1, 2]) {
      expect(y[row * 2]).toBeCloseTo(Math.cos((10 * Math.PI) / 180), 6);
      expect(y[row * 2 + 1]).toBeCloseTo(Math.sin((10 * Math.PI) / 180), 6);
    }
    expect(Array.from(y.subarray(6))).toEqual([expect.closeTo(0, 6), expect.closeTo(1, 6)]);
  });

  test('keeps only the k nearest', () => {
    // k = 1: 0° adds 10° → 5°; 20° adds 10° → 15°.
    const y = smoothWithNeighbours(x, 2, { neighbours: 1, floor: 0.9 });
    expect(Math.atan2(y[1] as number, y[0] as number)).toBeCloseTo((5 * Math.PI) / 180, 6);
    expect(Math.atan2(y[5] as number, y[4] as number)).toBeCloseTo((15 * Math.PI) / 180, 6);
  });

  test('a floor above every pair changes nothing', () => {
    const y = smoothWithNeighbours(x, 2, { neighbours: 5, floor: 0.99 });
    y.forEach((v, i) => expect(v).toBeCloseTo(x[i] as number, 6));
  });
});
