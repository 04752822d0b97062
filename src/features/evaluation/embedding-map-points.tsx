// The embedding map's points, drawn inside a recharts ScatterChart as plain SVG circles placed by
// the chart's own axis scales (the chart must be given the points as its data, or its axes have
// no scale). recharts' <Scatter> makes each point a component of its own tied to the chart's
// store: a page that mounted a map of 192 points alone (CPU slowed 3×, medians of five) took
// 133 ms with it against 83 ms this way, and 229 against 140 in a fresh page. Each point names
// its person in its SVG title, which the browser shows on hover.

import { useXAxisScale, useYAxisScale } from 'recharts';
import type { LegendEntry } from '../../components/chart-legend';

export interface MapPoint {
  x: number;
  y: number;
  person: string;
  fill: string;
}

/** Above this many people the map has no legend: their colours repeat, and a title names each point. */
export const MAP_LEGEND_MAX = 24;

/** Each person on the map once, with their colour, in the order they first appear; empty above MAP_LEGEND_MAX. */
export function mapLegend(points: readonly MapPoint[]): LegendEntry[] {
  const colours = new Map<string, string>();
  for (const point of points) if (!colours.has(point.person)) colours.set(point.person, point.fill);
  if (colours.size > MAP_LEGEND_MAX) return [];
  return [...colours].map(([name, colour]) => ({ name, colour, mark: 'box' }));
}

/** Tick steps the map's axes may use: each a whole number of the tenths its labels show. */
const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

/**
 * A map axis that holds every finite value: its range, from tick to tick, and its ticks, at most
 * six, evenly spaced by a step from STEPS (the chart's own ticks for a range it is given are
 * uneven at its ends).
 */
export function mapAxis(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) [lo, hi] = [-1, 1];
  const span = (s: number) =>
    Math.max(Math.ceil(hi / s), Math.floor(lo / s) + 1) - Math.floor(lo / s);
  const step = STEPS.find((s) => span(s) <= 5) ?? (STEPS.at(-1) as number);
  const first = Math.floor(lo / step);
  const last = first + span(step);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(6)));
  return { domain: [ticks[0] as number, ticks.at(-1) as number], ticks };
}

export function EmbeddingMapPoints({ points }: { points: readonly MapPoint[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="embedding-points">
      {points.map((p, i) => {
        const cx = x(p.x);
        const cy = y(p.y);
        if (cx === undefined || cy === undefined) return null;
        return (
          <circle key={i} className="embedding-point" cx={cx} cy={cy} r={4} fill={p.fill}>
            <title>{`${p.person} (${p.x.toFixed(2)}, ${p.y.toFixed(2)})`}</title>
          </circle>
        );
      })}
    </g>
  );
}
