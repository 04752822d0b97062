// What Verify found for one photo: the best match and its similarity (or "unknown" below the
// threshold), the next candidates as bars, and the accept/reject answer for "verify as".

import type { RankedMatch } from '../../ml/metrics/identification';
import type { PhotoEmbedding } from '../../runs/photo-embedder';

interface Props {
  ranking: RankedMatch[];
  identities: string[];
  threshold: number;
  verifyAs: number | null;
  milliseconds: number;
  /** A webcam frame: `milliseconds` is from the frame's grab to its answer (frames overlap, so
   *  it says nothing of the rate, which the webcam panel shows). */
  live?: boolean;
  /** The worker's share of the time: finding the face, and the network. */
  timing?: PhotoEmbedding['timing'];
}

export function MatchResult({
  ranking,
  identities,
  threshold,
  verifyAs,
  milliseconds,
  live = false,
  timing,
}: Props) {
  const best = ranking[0];
  if (!best) return null;
  const name = (label: number) => identities[label] ?? `#${label}`;
  const known = best.score >= threshold;
  const claimed = verifyAs === null ? null : ranking.find((m) => m.label === verifyAs);
  return (
    <section className="panel match" aria-label="Match">
      <p className="match-headline" data-testid="match-headline">
        {known ? (
          <>
            <strong>{name(best.label)}</strong> · similarity {best.score.toFixed(3)}
          </>
        ) : (
          <>
            <strong>Unknown</strong> · closest is {name(best.label)} at {best.score.toFixed(3)},
            below the threshold {threshold.toFixed(3)}
          </>
        )}
      </p>
      {claimed && (
        <p
          className={claimed.score >= threshold ? 'accept' : 'reject'}
          data-testid="verify-as-result"
        >
          {claimed.score >= threshold ? 'Accepted' : 'Rejected'} as {name(claimed.label)}{' '}
          (similarity {claimed.score.toFixed(3)}, threshold {threshold.toFixed(3)})
        </p>
      )}
      <ol className="bars" aria-label="Closest people">
        {ranking.slice(0, 5).map((match) => (
          <li key={match.label}>
            <span className="bar-name">{name(match.label)}</span>
            <span className="bar-track">
              <span
                className={`bar ${match.score >= threshold ? 'bar-over' : ''}`}
                style={{ width: `${Math.max(0, (match.score + 1) / 2) * 100}%` }}
              />
              <span className="bar-threshold" style={{ left: `${((threshold + 1) / 2) * 100}%` }} />
            </span>
            <span className="bar-score">{match.score.toFixed(3)}</span>
          </li>
        ))}
      </ol>
      <p className="muted small">
        {live ? (
          <>Answered {milliseconds.toFixed(0)} ms after the frame was taken</>
        ) : (
          <>
            Embedded in {milliseconds.toFixed(0)} ms (
            {(1000 / Math.max(1, milliseconds)).toFixed(1)} photos per second)
          </>
        )}
        {timing && (
          <span data-testid="verify-timing">
            {' '}
            · {live ? 'frame read and face found' : 'face found'} in {timing.findMs.toFixed(0)} ms,
            network {timing.embedMs.toFixed(0)} ms
          </span>
        )}
        .
      </p>
    </section>
  );
}
