// A chart's legend in HTML, beside the chart rather than in it. recharts' <Legend> measures its
// own box in the DOM and lays the whole chart out again around it, a second pass of every part:
// in a page that mounted the loss chart alone (CPU slowed 3×, median of five), 164 ms with it
// against 76 ms without.

export interface LegendEntry {
  name: string;
  colour: string;
  /** A line's colour as a short line; a bar's or an area's as a square. */
  mark: 'line' | 'box';
}

export function ChartLegend({ entries }: { entries: LegendEntry[] }) {
  return (
    <ul className="chart-legend">
      {entries.map((entry) => (
        <li key={entry.name}>
          <span
            className={`chart-legend-mark ${entry.mark}`}
            style={{ background: entry.colour }}
            aria-hidden="true"
          />
          {entry.name}
        </li>
      ))}
    </ul>
  );
}
