// Live training charts: loss per step (smoothed) with the per-epoch train and validation loss,
// accuracy per epoch, and the learning-rate schedule. Legends are HTML (ChartLegend), animations are off, the step series is
// thinned by the store, each chart takes new data at most once a second in a task of its own
// (useChartData; each figure's data-points is what it was given, data-drawn what it shows), and
// the axes' label intervals are numbers (no text measured at each redraw), so
// a long run does not slow the page.

import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, useChartData } from '../../components/chart-frame';
import { ChartLegend } from '../../components/chart-legend';
import { useAppStore } from '../../store';
import type { EpochMetrics, StepPoint } from '../../worker/training-protocol';

const SMOOTHING = 0.8;
const LOSS_COLOUR = '#b8c4d4';
const SMOOTHED_COLOUR = '#1f4e79';
const TRAIN_COLOUR = '#2e7d32';
const VALIDATION_COLOUR = '#8e24aa';

/** A learning rate in two significant digits, exponent form (2.3e-3, not a second "2e-3"). */
function rateLabel(rate: number): string {
  return rate === 0 ? '0' : Number(rate.toPrecision(2)).toExponential();
}

/** A tooltip value in three significant figures: 0.271, not 0.2708333333333333. */
function threeFigures(value: unknown): string {
  return typeof value === 'number' ? Number(value.toPrecision(3)).toString() : String(value);
}

/** Every epoch labelled up to 15 epochs, then every n-th: a number, so that recharts does not
 *  measure each label's text in the DOM at every redraw to find which ones fit. */
function epochLabelInterval(count: number): number {
  return Math.max(0, Math.ceil(count / 15) - 1);
}

function smooth(points: StepPoint[]) {
  let ema: number | null = null;
  return points.map((p) => {
    ema = ema === null ? p.loss : SMOOTHING * ema + (1 - SMOOTHING) * p.loss;
    return { step: p.step + 1, loss: p.loss, smoothed: ema, learningRate: p.learningRate };
  });
}

const LossChart = memo(function LossChart({ points: latest }: { points: StepPoint[] }) {
  const points = useChartData(latest);
  const data = useMemo(() => smooth(points), [points]);
  return (
    <figure
      className="panel"
      aria-label="Loss chart"
      data-points={latest.length}
      data-drawn={points.length}
    >
      <figcaption>Loss ({points.length} steps shown)</figcaption>
      <ChartFrame height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} interval={0} />
          <YAxis width={48} interval={0} />
          <Tooltip formatter={threeFigures} />
          <Line
            dataKey="loss"
            name="loss per step"
            stroke={LOSS_COLOUR}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="smoothed"
            name="smoothed"
            stroke={SMOOTHED_COLOUR}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartFrame>
      <ChartLegend
        entries={[
          { name: 'loss per step', colour: LOSS_COLOUR, mark: 'line' },
          { name: 'smoothed', colour: SMOOTHED_COLOUR, mark: 'line' },
        ]}
      />
    </figure>
  );
});

const EpochChart = memo(function EpochChart({
  epochs: latest,
  metric,
}: {
  epochs: EpochMetrics[];
  metric: 'loss' | 'accuracy';
}) {
  const epochs = useChartData(latest);
  const train = metric === 'loss' ? 'trainLoss' : 'trainAccuracy';
  const val = metric === 'loss' ? 'valLoss' : 'valAccuracy';
  return (
    <figure
      className="panel"
      aria-label={metric === 'loss' ? 'Epoch loss chart' : 'Accuracy chart'}
      data-points={latest.length}
      data-drawn={epochs.length}
    >
      <figcaption>{metric === 'loss' ? 'Loss per epoch' : 'Accuracy per epoch'}</figcaption>
      <ChartFrame height={200}>
        <LineChart data={epochs} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" interval={epochLabelInterval(epochs.length)} />
          <YAxis
            width={48}
            interval={0}
            domain={metric === 'accuracy' ? [0, 1] : ['auto', 'auto']}
          />
          <Tooltip formatter={threeFigures} />
          <Line
            dataKey={train}
            name={`train ${metric}`}
            stroke={TRAIN_COLOUR}
            isAnimationActive={false}
          />
          <Line
            dataKey={val}
            name={`validation ${metric}`}
            stroke={VALIDATION_COLOUR}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartFrame>
      <ChartLegend
        entries={[
          { name: `train ${metric}`, colour: TRAIN_COLOUR, mark: 'line' },
          { name: `validation ${metric}`, colour: VALIDATION_COLOUR, mark: 'line' },
        ]}
      />
    </figure>
  );
});

const RateChart = memo(function RateChart({ points: latest }: { points: StepPoint[] }) {
  const points = useChartData(latest);
  const data = useMemo(
    () => points.map((p) => ({ step: p.step + 1, learningRate: p.learningRate })),
    [points],
  );
  return (
    <figure
      className="panel"
      aria-label="Learning rate chart"
      data-points={latest.length}
      data-drawn={points.length}
    >
      <figcaption>Learning rate</figcaption>
      <ChartFrame height={160}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} interval={0} />
          <YAxis width={64} interval={0} tickFormatter={rateLabel} />
          <Tooltip formatter={threeFigures} />
          <Line
            dataKey="learningRate"
            name="learning rate"
            stroke="#8a5a00"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartFrame>
    </figure>
  );
});

export function TrainingCharts() {
  const points = useAppStore((s) => s.points);
  const epochs = useAppStore((s) => s.epochMetrics);
  if (points.length === 0 && epochs.length === 0) return null;
  return (
    <section className="charts" aria-label="Training charts">
      <LossChart points={points} />
      <EpochChart epochs={epochs} metric="loss" />
      <EpochChart epochs={epochs} metric="accuracy" />
      <RateChart points={points} />
    </section>
  );
}
