import { describe, expect, it } from 'vitest';
import { MetricsError } from './metrics-error';
import { countAtLeast, countBelow, sortScores } from './sorted-scores';

describe('sortScores', () => {
  it('splits scores by ground truth and sorts each ascending, numerically', () => {
    const s = sortScores([0.5, -0.2, 10, 0.3, 2], [1, 0, 1, 0, 0]);
    expect(Array.from(s.same)).toEqual([0.5, 10]);
    expect(Array.from(s.different)).toEqual([-0.2, 0.3, 2]);
  });

  it('refuses NaN scores and mismatched lengths with typed errors', () => {
    expect(() => sortScores([0.1, NaN], [1, 0])).toThrow(MetricsError);
    expect(() => sortScores([0.1], [1, 0])).toThrow(MetricsError);
  });
});

describe('countBelow and countAtLeast', () => {
  const sorted = Float64Array.from([-1, 0, 0, 0.5, 0.5, 0.5, 1]);
  it('count strictly below and at-or-above, ties included on the accepting side', () => {
    expect(countBelow(sorted, 0.5)).toBe(3);
    expect(countAtLeast(sorted, 0.5)).toBe(4);
    expect(countBelow(sorted, -2)).toBe(0);
    expect(countAtLeast(sorted, 2)).toBe(0);
    expect(countBelow(sorted, 0)).toBe(1);
    expect(countBelow(new Float64Array(0), 0)).toBe(0);
  });
});
