// The Evaluate screen's open-set half (issue 17): how often a stranger is taken for someone and
// an enrolled face is named right, at a target false-alarm rate the user picks (the threshold is
// chosen on val strangers for it, and Verify then uses it), the DIR–FAR curve, the learning
// curve ("how many photos are enough?") and the galleries compared.
import { MetricCardGrid } from './metric-card-grid';
import type { StoredEvaluation } from '../../storage/evaluation-repo';
import { hasStrangers } from '../../ml/metrics/verify-settings';
import { OpenSetCharts } from './open-set-charts';
import {
  farLabel,
  farResolution,
  learningCurveSentence,
  pct,
  thresholdDriftNote,
} from './open-set-words';

const GALLERY_NAMES = {
  mean: 'class mean (one template a person)',
  max: 'closest photo',
  top3: 'mean of the closest three photos',
  head: 'the trained head’s class weights',
};

export function OpenSetPanel({
  stored,
  imported = false,
}: {
  stored: StoredEvaluation;
  /** The run is a model imported from elsewhere: it trained on none of these photos. */
  imported?: boolean;
}) {
  const openSet = stored.evaluation.openSet;
  if (!openSet) {
    return (
      <section className="panel" aria-label="Strangers and few photos">
        <h2>Strangers and few photos</h2>
        <p>This evaluation was made before open-set figures existed: evaluate again to see them.</p>
      </section>
    );
  }
  const { figures, counts } = openSet;
  const strangers = hasStrangers(stored.evaluation);
  const at = figures.atThreshold;
  const cards = [
    {
      label: `DIR at FAR ${farLabel(0.01)}`,
      value: pct(figures.dirAtFar1e2),
      hint: 'enrolled test faces accepted and named right when 1 % of strangers get a name',
    },
    {
      label: `DIR at FAR ${farLabel(0.001)}`,
      value: pct(figures.dirAtFar1e3),
      hint: 'the same when 0.1 % of strangers get a name',
    },
    {
      label: 'Strangers given a name',
      value: pct(at.far),
      hint: `test strangers at or above the threshold (${at.falseAlarms} of ${at.strangers})`,
    },
    {
      label: 'Enrolled faces named right',
      value: pct(at.dir),
      hint: `at the threshold; ${pct(at.rejected)} answered unknown, ${pct(at.misidentified)} named as someone else`,
    },
  ];
  return (
    <section className="panel open-set" aria-label="Strangers and few photos">
      <h2>Strangers and few photos</h2>
      {!strangers ? (
        <p role="note">
          No strangers to measure with ({counts.valStrangers} val, {counts.testStrangers} test). Add
          photos of people who should be answered “unknown” to Strangers on the Dataset screen (or
          the sample strangers), then evaluate again: the threshold is then chosen so that strangers
          are kept out, and Verify answers “unknown” below it. The curve below shows closed-set
          top-1 only.
        </p>
      ) : (
        <>
          <p data-testid="open-set-threshold">
            Threshold chosen on {counts.valStrangers} val strangers for a target FAR of{' '}
            {farLabel(figures.targetFar)}:{' '}
            {Number.isFinite(figures.threshold) ? figures.threshold.toFixed(3) : '—'}; the figures
            below are at it.{' '}
            {Math.abs(stored.threshold - figures.threshold) > 1e-9
              ? `Verify answers “unknown” below ${stored.threshold.toFixed(3)}, where the slider above now stands.`
              : 'Verify answers “unknown” below it.'}
          </p>
          <MetricCardGrid cards={cards} label="Open-set figures" />
          {thresholdDriftNote(at.far, figures.targetFar, at.falseAlarms) && (
            <p className="warning" role="note" data-testid="threshold-drift">
              {thresholdDriftNote(at.far, figures.targetFar, at.falseAlarms)}
            </p>
          )}
          <p className="muted small">
            {counts.valStrangers} val and {counts.testStrangers} test stranger photos; strangers are
            never trained on. {farResolution(counts.testStrangers)}
          </p>
        </>
      )}
      <OpenSetCharts stored={stored} />
      <p data-testid="learning-curve-sentence">
        {learningCurveSentence(openSet.learningCurve, figures.targetFar)}
      </p>
      <p className="muted small">
        Each point builds class-mean templates from that many of each person’s training photos
        (seeded, the same photos at every run) and scores the same test photos with this run’s
        network.{' '}
        {imported
          ? 'This imported model trained on none of them, so the curve says how many photos of a new person it needs.'
          : 'The network itself trained on all of them (only the frozen pretrained encoder never did), so for a trained run the curve says how many photos a person’s template needs, not how many the training needs.'}
      </p>
      {strangers && (
        <table className="gallery-comparison" aria-label="Galleries compared">
          <caption>How a person is scored, compared on the same test photos</caption>
          <thead>
            <tr>
              <th scope="col">Person scored by</th>
              <th scope="col">DIR at FAR 1 %</th>
              <th scope="col">DIR at FAR 0.1 %</th>
              <th scope="col">Top-1</th>
            </tr>
          </thead>
          <tbody>
            {openSet.galleries.map((g) => (
              <tr key={g.kind} aria-current={g.kind === openSet.gallery ? 'true' : undefined}>
                <th scope="row">
                  {GALLERY_NAMES[g.kind]}
                  {g.kind === openSet.gallery ? ' (in use)' : ''}
                </th>
                <td>{pct(g.dirAtFar1e2)}</td>
                <td>{pct(g.dirAtFar1e3)}</td>
                <td>{pct(g.top1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
