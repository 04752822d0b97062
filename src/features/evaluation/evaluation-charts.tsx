// Charts of an evaluation: the ROC curve with the current operating point, the similarity
// distributions of same- and different-person pairs with the threshold, and a 2-D PCA map of
// the test embeddings coloured by person. Every axis has a numeric label interval, so recharts
// does not measure each label's text in the DOM to find which fit (tens of ms a chart here).

import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ratesAtThreshold } from '../../ml/metrics/threshold';
import { ChartFrame } from '../../components/chart-frame';
import type { StoredEvaluation } from '../../storage/evaluation-repo';
import { hasStrangers } from '../../ml/metrics/verify-settings';

export function personColour(label: number): string {
  return `hsl(${(label * 137.508) % 360} 65% 45%)`;
}

/** The embedding map's tooltip: whose face the point is. */
function PersonTip({ active, payload }: { active?: boolean; payload?: { payload?: unknown }[] }) {
  const point = payload?.[0]?.payload as { person: string; x: number; y: number } | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tip">
      {point.person} ({point.x.toFixed(2)}, {point.y.toFixed(2)})
    </div>
  );
}

export function EvaluationCharts({ stored }: { stored: StoredEvaluation }) {
  const e = stored.evaluation;
  const roc = useMemo(() => e.roc.far.map((far, i) => ({ far, tar: e.roc.tar[i] ?? 0 })), [e]);
  const histogram = useMemo(() => {
    const width = (e.histogram.hi - e.histogram.lo) / e.histogram.bins;
    return e.histogram.same.map((same, b) => ({
      similarity: Number((e.histogram.lo + (b + 0.5) * width).toFixed(3)),
      same,
      different: e.histogram.different[b] ?? 0,
    }));
  }, [e]);
  const points = useMemo(
    () =>
      e.pca.x.map((x, i) => {
        const label = e.pca.labels[i] ?? 0;
        return {
          x,
          y: e.pca.y[i] ?? 0,
          person: stored.identities[label] ?? '',
          fill: personColour(label),
        };
      }),
    [e, stored.identities],
  );
  // With strangers the threshold in use is on face-against-person scores; the pair charts keep
  // folder-v1's pair threshold.
  const pairThreshold = hasStrangers(e) ? e.threshold : stored.threshold;
  const operating = ratesAtThreshold(e.testScores, pairThreshold);

  return (
    <section className="charts" aria-label="Evaluation charts">
      <figure className="panel" aria-label="ROC curve">
        <figcaption>ROC curve (AUC {Number.isFinite(e.auc) ? e.auc.toFixed(3) : '—'})</figcaption>
        <ChartFrame height={260}>
          <LineChart data={roc} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              interval={0}
              dataKey="far"
              type="number"
              domain={[0, 1]}
              label={{ value: 'strangers accepted (FAR)', position: 'insideBottom', offset: -8 }}
            />
            <YAxis interval={0} domain={[0, 1]} width={48} />
            <Tooltip />
            <Line
              dataKey="tar"
              name="same person accepted (TAR)"
              stroke="#1f4e79"
              dot={false}
              isAnimationActive={false}
            />
            {Number.isFinite(operating.far) && Number.isFinite(operating.tar) && (
              <ReferenceDot x={operating.far} y={operating.tar} r={5} fill="#a4262c" />
            )}
          </LineChart>
        </ChartFrame>
      </figure>
      <figure className="panel" aria-label="Similarity distributions">
        <figcaption>Similarity of test pairs, with the threshold</figcaption>
        <ChartFrame height={260}>
          <BarChart
            data={histogram}
            margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
            barGap={0}
            barCategoryGap={0}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis interval={0} dataKey="similarity" type="number" domain={[-1, 1]} />
            <YAxis interval={0} width={48} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="different"
              name="different people"
              fill="#c5cbd3"
              isAnimationActive={false}
            />
            <Bar dataKey="same" name="same person" fill="#2e7d32" isAnimationActive={false} />
            <ReferenceLine x={pairThreshold} stroke="#a4262c" strokeWidth={2} label="threshold" />
          </BarChart>
        </ChartFrame>
      </figure>
      <figure className="panel" aria-label="Embedding map">
        <figcaption>
          Test faces on the two main axes of their embeddings (PCA), one colour per person
        </figcaption>
        <ChartFrame height={300}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              interval={0}
              dataKey="x"
              type="number"
              name="axis 1"
              tickFormatter={(v: number) => v.toFixed(1)}
            />
            <YAxis
              interval={0}
              dataKey="y"
              type="number"
              name="axis 2"
              width={48}
              tickFormatter={(v: number) => v.toFixed(1)}
            />
            <Tooltip content={<PersonTip />} />
            {/* One series, each point with its person's fill: a series a person made a chart of
                a hundred people hold the main thread for half a second as it mounted. */}
            <Scatter name="test faces" data={points} isAnimationActive={false} />
          </ScatterChart>
        </ChartFrame>
      </figure>
    </section>
  );
}
