import { describe, expect, it } from 'vitest';
import { MAP_LEGEND_MAX, mapAxis, mapLegend, type MapPoint } from './embedding-map-points';

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

describe('mapLegend', () => {
  const point = (person: string, fill: string): MapPoint => ({ x: 0, y: 0, person, fill });

  it('names each person once with their colour, in the order they first appear', () => {
    const legend = mapLegend([point('Bo', '#111'), point('Ada', '#222'), point('Bo', '#111')]);
    expect(legend).toEqual([
      { name: 'Bo', colour: '#111', mark: 'box' },
      { name: 'Ada', colour: '#222', mark: 'box' },
    ]);
  });

  it('is empty when there are more people than a legend can show', () => {
    const many = Array.from({ length: MAP_LEGEND_MAX + 1 }, (_, k) => point(`P${k}`, '#333'));
    expect(mapLegend(many)).toEqual([]);
    expect(mapLegend(many.slice(1))).toHaveLength(MAP_LEGEND_MAX);
  });
});
