// The open-set charts: DIR against FAR on test strangers (log FAR, the open-set ROC) with the
// operating point at the threshold in use, and the learning curve (DIR and top-1 against the
// number of enrolment photos per person). Numeric label intervals and HTML legends, as in
// evaluation-charts.tsx.
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceDot, Tooltip, XAxis, YAxis } from 'recharts';
import { openSetRatesAt } from '../../ml/metrics/open-set';
import { ChartFrame } from '../../components/chart-frame';
import { ChartLegend, type LegendEntry } from '../../components/chart-legend';
import type { StoredEvaluation } from '../../storage/evaluation-repo';
import { hasStrangers } from '../../ml/metrics/verify-settings';
import { farLabel, shotsLabel } from './open-set-words';

const DIR_COLOUR = '#1f4e79';
const TOP1_COLOUR = '#2e7d32';

export function OpenSetCharts({ stored }: { stored: StoredEvaluation }) {
  const openSet = stored.evaluation.openSet;
  const strangers = hasStrangers(stored.evaluation);
  const n = openSet?.counts.testStrangers ?? 0;
  // FAR 0 has no place on a log axis: it is drawn at half of one false alarm.
  const floor = n > 0 ? 0.5 / n : 1e-3;
  const curve = useMemo(
    () =>
      openSet
        ? openSet.figures.curve.far.map((far, i) => ({
            far: Math.max(far, floor),
            dir: openSet.figures.curve.dir[i] ?? 0,
          }))
        : [],
    [openSet, floor],
  );
  const learning = useMemo(
    () =>
      (openSet?.learningCurve ?? []).map((point) => ({
        shots: shotsLabel(point),
        dir: Number.isNaN(point.dirAtFar) ? null : point.dirAtFar,
        top1: point.top1,
      })),
    [openSet],
  );
  if (!openSet) return null;
  const learningLegend: LegendEntry[] = [
    ...(strangers ? [{ name: 'DIR (open set)', colour: DIR_COLOUR, mark: 'line' as const }] : []),
    { name: 'top-1 (closed set)', colour: TOP1_COLOUR, mark: 'line' },
  ];
  const operating = openSetRatesAt(openSet.scores, stored.threshold);
  return (
    <div className="charts">
      {strangers && (
        <figure className="panel" aria-label="DIR against FAR">
          <figcaption>
            Enrolled faces named right (DIR) against strangers given a name (FAR), on test
          </figcaption>
          <ChartFrame height={260}>
            <LineChart data={curve} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                interval={0}
                dataKey="far"
                type="number"
                scale="log"
                domain={[floor, 1]}
                allowDataOverflow
                ticks={[floor, 0.001, 0.01, 0.1, 1].filter((t) => t >= floor)}
                tickFormatter={(v: number) => farLabel(v)}
                label={{
                  value: 'strangers given a name (FAR, log)',
                  position: 'insideBottom',
                  offset: -8,
                }}
              />
              <YAxis interval={0} domain={[0, 1]} width={48} />
              <Tooltip
                formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))}
                labelFormatter={(v) => (typeof v === 'number' ? `FAR ${farLabel(v)}` : String(v))}
              />
              <Line
                dataKey="dir"
                name="DIR"
                stroke="#1f4e79"
                dot={false}
                type="stepAfter"
                isAnimationActive={false}
              />
              {Number.isFinite(operating.far) && Number.isFinite(operating.dir) && (
                <ReferenceDot
                  x={Math.max(operating.far, floor)}
                  y={operating.dir}
                  r={5}
                  fill="#a4262c"
                />
              )}
            </LineChart>
          </ChartFrame>
        </figure>
      )}
      <figure className="panel" aria-label="Learning curve">
        <figcaption>
          How many photos are enough:{' '}
          {strangers ? `DIR at FAR ${farLabel(openSet.figures.targetFar)} and ` : ''}
          top-1 against training photos per person
        </figcaption>
        <ChartFrame height={260}>
          {/* Room on the right for the last tick, "all (N)", centred on the chart's edge. */}
          <LineChart data={learning} margin={{ top: 8, right: 36, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              interval={0}
              dataKey="shots"
              label={{ value: 'photos per person', position: 'insideBottom', offset: -8 }}
            />
            <YAxis interval={0} domain={[0, 1]} width={48} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
            {strangers && (
              <Line
                dataKey="dir"
                name="DIR (open set)"
                stroke={DIR_COLOUR}
                isAnimationActive={false}
              />
            )}
            <Line
              dataKey="top1"
              name="top-1 (closed set)"
              stroke={TOP1_COLOUR}
              isAnimationActive={false}
            />
          </LineChart>
        </ChartFrame>
        <ChartLegend entries={learningLegend} />
      </figure>
    </div>
  );
}
