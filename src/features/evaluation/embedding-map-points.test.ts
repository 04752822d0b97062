import { describe, expect, it } from 'vitest';
import { mapAxis } from './embedding-map-points';

describe('mapAxis', () => {
  it('holds every value between evenly spaced ticks, at most six', () => {
    for (const values of [
      [0.23, -0.41, 1.07],
      [-0.6, 0.68],
      [-2.349, 3.001],
      [12.5, 80.2],
      [0.001, 0.002],
      [0.09, 0.58],
      [-0.51, 0.49],
    ]) {
      const { domain, ticks } = mapAxis(values);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(domain).toEqual([ticks[0], ticks.at(-1)]);
      for (const v of values) {
        expect(v).toBeGreaterThanOrEqual(domain[0]);
        expect(v).toBeLessThanOrEqual(domain[1]);
      }
      const step = (ticks[1] as number) - (ticks[0] as number);
      ticks.forEach((t, i) => expect(t).toBeCloseTo((ticks[0] as number) + i * step, 9));
    }
  });

  it('labels in tenths: every tick is a whole number of tenths', () => {
    expect(mapAxis([0.23, -0.41, 1.07]).ticks).toEqual([-0.5, 0, 0.5, 1, 1.5]);
    expect(mapAxis([-0.6, 0.68]).ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(mapAxis([-0.31, 0.48]).ticks).toEqual([-0.4, -0.2, 0, 0.2, 0.4, 0.6]);
  });

  it('gives a range of some width to one value, and a default to none', () => {
    expect(mapAxis([0.5]).domain).toEqual([0.5, 0.6]);
    expect(mapAxis([]).domain).toEqual([-1, 1]);
    expect(mapAxis([Number.NaN, Infinity]).domain).toEqual([-1, 1]);
  });
});
