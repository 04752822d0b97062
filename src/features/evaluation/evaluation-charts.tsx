// Charts of an evaluation: the ROC curve with the current operating point, the similarity
// distributions of same- and different-person pairs with the threshold, and a 2-D PCA map of
// the test embeddings coloured by person. Every axis has a numeric label interval, so recharts
// does not measure each label's text in the DOM to find which fit (tens of ms a chart here);
// legends are HTML (ChartLegend) and the map's points plain circles (EmbeddingMapPoints), for
// the same reason: recharts' own lay the chart out again or add a component per point.

import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ratesAtThreshold } from '../../ml/metrics/threshold';
import { ChartFrame } from '../../components/chart-frame';
import { ChartLegend } from '../../components/chart-legend';
import { EmbeddingMapPoints, mapAxis, mapLegend, type MapPoint } from './embedding-map-points';
import type { StoredEvaluation } from '../../storage/evaluation-repo';
import { hasStrangers } from '../../ml/metrics/verify-settings';

export function personColour(label: number): string {
  return `hsl(${(label * 137.508) % 360} 65% 45%)`;
}

const DIFFERENT_COLOUR = '#c5cbd3';
const SAME_COLOUR = '#2e7d32';

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
    (): MapPoint[] =>
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
  const mapX = useMemo(() => mapAxis(e.pca.x), [e]);
  const mapY = useMemo(() => mapAxis(e.pca.y), [e]);
  const legend = useMemo(() => mapLegend(points), [points]);
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
              label={{
                value: 'different-person pairs accepted (FAR)',
                position: 'insideBottom',
                offset: -8,
              }}
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
            <Bar
              dataKey="different"
              name="different people"
              fill={DIFFERENT_COLOUR}
              isAnimationActive={false}
            />
            <Bar dataKey="same" name="same person" fill={SAME_COLOUR} isAnimationActive={false} />
            <ReferenceLine x={pairThreshold} stroke="#a4262c" strokeWidth={2} label="threshold" />
          </BarChart>
        </ChartFrame>
        <ChartLegend
          entries={[
            { name: 'different people', colour: DIFFERENT_COLOUR, mark: 'box' },
            { name: 'same person', colour: SAME_COLOUR, mark: 'box' },
          ]}
        />
      </figure>
      <figure className="panel" aria-label="Embedding map">
        <figcaption>
          Test faces on the two main axes of their embeddings (PCA), one colour per person
        </figcaption>
        <ChartFrame height={300}>
          <ScatterChart
            data={points}
            accessibilityLayer={false}
            margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              interval={0}
              dataKey="x"
              type="number"
              domain={mapX.domain}
              ticks={mapX.ticks}
              name="axis 1"
              tickFormatter={(v: number) => v.toFixed(1)}
            />
            <YAxis
              interval={0}
              dataKey="y"
              type="number"
              domain={mapY.domain}
              ticks={mapY.ticks}
              name="axis 2"
              width={48}
              tickFormatter={(v: number) => v.toFixed(1)}
            />
            {/* Plain circles placed by the axes' scales (embedding-map-points.tsx), one
                colour per person: recharts' own Scatter made each point a component of its own. */}
            <EmbeddingMapPoints points={points} />
          </ScatterChart>
        </ChartFrame>
        {legend.length > 0 ? (
          <ChartLegend entries={legend} />
        ) : (
          <p className="muted small">Point at a face to see whose it is.</p>
        )}
      </figure>
    </section>
  );
}
