import { describe, expect, it } from 'vitest';
import { similarityHistogram } from './histogram';

describe('similarityHistogram', () => {
  it('bins same and different scores separately over [-1, 1], half-open bins', () => {
    const h = similarityHistogram([-1, -0.95, -0.96, 0, 0.5, 1], [0, 0, 1, 1, 0, 1], 40);
    expect(h.bins).toBe(40);
    expect(h.different[0]).toBe(1); // -1
    expect(h.different[1]).toBe(1); // -0.95 starts bin 1
    expect(h.same[0]).toBe(1); // -0.96
    expect(h.same[20]).toBe(1); // 0 starts bin 20
    expect(h.different[30]).toBe(1); // 0.5
    expect(h.same[39]).toBe(1); // 1 belongs to the last bin
    expect(h.same.reduce((a, b) => a + b)).toBe(3);
    expect(h.different.reduce((a, b) => a + b)).toBe(3);
  });

  it('keeps rounding overshoots in the edge bins', () => {
    const h = similarityHistogram([1 + 1e-15, -1 - 1e-15], [1, 0]);
    expect(h.same[49]).toBe(1);
    expect(h.different[0]).toBe(1);
  });

  it('is all zeros without pairs', () => {
    const h = similarityHistogram([], [], 10);
    expect(h.same).toEqual(new Array(10).fill(0));
  });
});
