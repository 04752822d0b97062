// Owns how well a suspect ranking finds labels known to be wrong (the eval harness flips a seeded
// share of labels): precision and recall of the top k suspects at k = flipped and k = 2 × flipped,
// and the ROC AUC of the score for flipped against untouched images.
import { MlError } from '../ml-error';
import { rocAuc, sortScores } from '../metrics';
import { bySuspicion } from './suspect-labels';

export interface SuspectMetrics {
  flipped: number;
  precisionAtFlipped: number;
  recallAtFlipped: number;
  precisionAtTwiceFlipped: number;
  recallAtTwiceFlipped: number;
  /** P(a flipped image scores above an untouched one), ties one half; NaN scores lowest. */
  auc: number;
}

/** Per-image scores (by image index) from a ranked suspect list; images not listed get NaN. */
export function suspectScores(
  suspects: readonly { index: number; score: number }[],
  count: number,
): Float64Array {
  const scores = new Float64Array(count).fill(NaN);
  for (const { index, score } of suspects) scores[index] = score;
  return scores;
}

/** `scores[i]` and `flipped[i]` belong to image i. NaN figures when nothing was flipped. */
export function suspectMetrics(
  scores: ArrayLike<number>,
  flipped: ArrayLike<boolean>,
): SuspectMetrics {
  if (scores.length !== flipped.length) {
    throw new MlError('invalid-argument', `${scores.length} scores but ${flipped.length} flags.`);
  }
  const count = scores.length;
  const ranked = Array.from({ length: count }, (_, index) => ({
    index,
    score: scores[index] as number,
  })).sort(bySuspicion);
  let total = 0;
  for (let i = 0; i < count; i++) if (flipped[i]) total++;
  const foundInTop = (k: number) => ranked.slice(0, k).filter((r) => flipped[r.index]).length;
  const atFlipped = foundInTop(total);
  const atTwice = foundInTop(2 * total);
  const twice = Math.min(2 * total, count);
  const finite = Array.from({ length: count }, (_, i) => {
    const s = scores[i] as number;
    return Number.isNaN(s) ? -Infinity : s;
  });
  const positive = Array.from({ length: count }, (_, i) => (flipped[i] ? 1 : 0));
  return {
    flipped: total,
    precisionAtFlipped: total ? atFlipped / total : NaN,
    recallAtFlipped: total ? atFlipped / total : NaN,
    precisionAtTwiceFlipped: total ? atTwice / twice : NaN,
    recallAtTwiceFlipped: total ? atTwice / total : NaN,
    auc: rocAuc(sortScores(finite, positive)),
  };
}
