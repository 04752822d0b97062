// The threshold Verify answers with: a slider whose rates (TAR, FAR, balanced accuracy on the
// test pairs; with strangers, the open-set rates too) update at once, and a way back to the
// threshold chosen on val (on val strangers for the target FAR when there are strangers).

import { useId } from 'react';
import { ratesAtThreshold } from '../../ml/metrics/threshold';
import { openSetRatesAt } from '../../ml/metrics/open-set';
import { hasStrangers, thresholdInUse } from '../../ml/metrics/verify-settings';
import type { StoredEvaluation } from '../../storage/evaluation-repo';
import { useAppStore } from '../../store';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');

export function ThresholdControl({ stored }: { stored: StoredEvaluation }) {
  const id = useId();
  const setThreshold = useAppStore((s) => s.setThreshold);
  const rates = ratesAtThreshold(stored.evaluation.testScores, stored.threshold);
  const chosen = thresholdInUse(stored.evaluation);
  const openSet = hasStrangers(stored.evaluation) ? stored.evaluation.openSet : undefined;
  const open = openSet && openSetRatesAt(openSet.scores, stored.threshold);
  return (
    <section className="panel threshold" aria-label="Threshold">
      <label htmlFor={`${id}-threshold`}>Similarity threshold: {stored.threshold.toFixed(3)}</label>
      <input
        id={`${id}-threshold`}
        type="range"
        min={-1}
        max={1}
        step={0.005}
        value={stored.threshold}
        onChange={(e) => setThreshold(Number(e.target.value))}
      />
      {open ? (
        // With strangers the threshold is on a face-against-person score (what Verify answers
        // with), not on the photo pairs of the charts below: only the open-set rates apply.
        <p data-testid="open-set-rates">
          At this threshold, on test: strangers given a name {pct(open.far)} · enrolled faces named
          right {pct(open.dir)}, answered unknown {pct(open.rejected)}, named as someone else{' '}
          {pct(open.misidentified)}
        </p>
      ) : (
        <p data-testid="threshold-rates">
          At this threshold: same person accepted {pct(rates.tar)} · strangers accepted{' '}
          {pct(rates.far)} · balanced accuracy {pct(rates.balancedAccuracy)}
        </p>
      )}
      {Number.isFinite(chosen) && Math.abs(chosen - stored.threshold) > 1e-9 && (
        <button type="button" onClick={() => setThreshold(chosen)}>
          Back to the threshold chosen on val{openSet ? ' strangers' : ''} ({chosen.toFixed(3)})
        </button>
      )}
    </section>
  );
}
