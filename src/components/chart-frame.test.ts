// A chart is drawn over several turns: its surface, each axis, its grid, then each other part alone, in its own
// order, each part keyed as in the whole chart (so a turn adds parts and remounts none).
import { Children, createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { describe, expect, it } from 'vitest';
import { chartAt, stagesOf } from './chart-frame';

const NAMES = new Map<unknown, string>([
  [CartesianGrid, 'grid'],
  [XAxis, 'x'],
  [YAxis, 'y'],
  [Tooltip, 'tooltip'],
  [Line, 'line'],
]);

type Chart = ReactElement<{ children?: ReactNode }>;

const chart: Chart = createElement(
  LineChart,
  { data: [] },
  createElement(Tooltip),
  createElement(CartesianGrid),
  createElement(XAxis, { dataKey: 'step' }),
  createElement(YAxis),
  createElement(Line, { dataKey: 'loss' }),
  false,
  createElement(Line, { dataKey: 'smoothed' }),
);

const name = (part: ReactNode): string => {
  if (!isValidElement<{ dataKey?: string }>(part)) return String(part);
  const kind = NAMES.get(part.type) ?? '?';
  return kind === 'line' ? `line ${part.props.dataKey}` : kind;
};
/** The parts as chartAt gives them (not keyed again here). */
const partsOf = (element: Chart) =>
  ([] as ReactNode[]).concat(element.props.children).filter(isValidElement);

describe('a chart drawn in stages', () => {
  it('draws the surface, each axis, the grid, then every other part alone, in the chart order', () => {
    const stages = stagesOf(Children.toArray(chart.props.children));
    expect(stages.map((group) => group.map(name))).toEqual([
      [],
      ['x'],
      ['y'],
      ['grid'],
      ['tooltip'],
      ['line loss'],
      ['line smoothed'],
    ]);
  });

  it('draws the parts of the first stages in the chart order, keyed as in the whole chart', () => {
    const whole = partsOf(chartAt(chart, 7) as Chart);
    expect(whole.map(name)).toEqual(['tooltip', 'grid', 'x', 'y', 'line loss', 'line smoothed']);
    const keyOf = new Map(whole.map((part) => [name(part), part.key]));
    expect(new Set(keyOf.values()).size).toBe(6);
    expect(partsOf(chartAt(chart, 1) as Chart)).toEqual([]);
    // Each part drawn early has the key it has once the chart is whole, wherever it stands.
    for (const count of [2, 3, 4, 5, 6]) {
      for (const part of partsOf(chartAt(chart, count) as Chart))
        expect(part.key).toBe(keyOf.get(name(part)));
    }
    expect(partsOf(chartAt(chart, 2) as Chart).map(name)).toEqual(['x']);
    expect(partsOf(chartAt(chart, 4) as Chart).map(name)).toEqual(['grid', 'x', 'y']);
    expect(partsOf(chartAt(chart, 6) as Chart).map(name)).toEqual([
      'tooltip',
      'grid',
      'x',
      'y',
      'line loss',
    ]);
  });
});
