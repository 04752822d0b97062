// The headline figures of an evaluation (protocol folder-v1), each with a one-line meaning.

import { MetricCardGrid } from './metric-card-grid';
import type { StoredEvaluation } from '../../storage/evaluation-repo';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');
const num = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

export function MetricCards({ stored }: { stored: StoredEvaluation }) {
  const e = stored.evaluation;
  const cards = [
    {
      label: 'Identification top-1',
      value: pct(e.top1),
      hint: 'test photos named right by the nearest person template',
    },
    {
      label: 'ROC AUC',
      value: num(e.auc),
      hint: 'chance that a same-person pair scores above a different-person pair',
    },
    {
      label: 'TAR at FAR 1e-2',
      value: pct(e.tarAtFar1e2),
      hint: 'same-person pairs accepted when 1 % of different-person pairs are',
    },
    {
      label: 'TAR at FAR 1e-3',
      value: pct(e.tarAtFar1e3),
      hint: 'same, when 0.1 % of different-person pairs are accepted',
    },
    {
      label: 'Equal error rate',
      value: pct(e.eer),
      hint: 'where false accepts equal false rejects',
    },
    {
      label: 'Balanced accuracy',
      value: pct(e.verifBalAcc),
      hint: `on test pairs at the threshold ${num(e.threshold)} chosen on val`,
    },
  ];
  return (
    <section aria-label="Evaluation figures">
      <MetricCardGrid cards={cards} />
      <p className="muted small">
        {e.identities} people · {e.counts.train} train, {e.counts.val} val, {e.counts.test} test
        images · {e.counts.testSamePairs} same-person and {e.counts.testDifferentPairs}{' '}
        different-person test pairs · embedded on {stored.backend} at{' '}
        {stored.inferImagesPerSecond.toFixed(0)} images/s
      </p>
    </section>
  );
}
