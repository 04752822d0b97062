// One line under Verify's run choice saying what "Unknown" rests on: the open-set threshold
// chosen on val strangers (and the gallery it goes with), or, without strangers, the pair
// threshold from val photos of the enrolled people only, which has never seen a stranger.
import { hasStrangers } from '../../ml/metrics/verify-settings';
import type { StoredEvaluation } from '../../storage/evaluation-repo';

export function AnswerNote({ stored }: { stored: StoredEvaluation }) {
  const e = stored.evaluation;
  const openSet = e.openSet;
  const threshold = stored.threshold.toFixed(3);
  if (openSet && hasStrangers(e)) {
    const far = Number((openSet.figures.targetFar * 100).toPrecision(3));
    const chosen = Math.abs(stored.threshold - openSet.figures.threshold) < 1e-9;
    return (
      <p className="muted small answer-note" data-testid="verify-answer-note">
        “Unknown” below {threshold}
        {chosen
          ? `, chosen on ${openSet.counts.valStrangers} photos of strangers so that about ${far} % of strangers get a name`
          : ', set on the Evaluate screen'}
        ; a face is compared with{' '}
        {openSet.gallery === 'head'
          ? 'each person’s trained template'
          : 'the mean of each person’s training photos'}
        .
      </p>
    );
  }
  return (
    <p className="muted small answer-note" data-testid="verify-answer-note">
      “Unknown” below {threshold}, chosen on photo pairs of the enrolled people alone. Add strangers
      on the Dataset screen and evaluate again to choose it so that strangers are kept out.
    </p>
  );
}
