// Pair scores split by ground truth and sorted ascending: the one precomputation that makes ROC,
// AUC and every threshold query (the Evaluate slider) cheap — O(log n) per threshold.
import { MetricsError } from './metrics-error';

export interface SortedScores {
  /** scores of same-person pairs, ascending */
  readonly same: Float64Array;
  /** scores of different-person pairs, ascending */
  readonly different: Float64Array;
}

export function sortScores(scores: ArrayLike<number>, same: ArrayLike<number>): SortedScores {
  if (scores.length !== same.length) {
    throw new MetricsError(
      'metrics-invalid-input',
      `${scores.length} scores but ${same.length} labels.`,
    );
  }
  let positives = 0;
  for (let k = 0; k < scores.length; k++) {
    // A NaN would sort last and break every binary search below without a sound.
    if (Number.isNaN(scores[k]))
      throw new MetricsError('metrics-non-finite', `Pair score ${k} is NaN.`);
    if (same[k]) positives++;
  }
  const pos = new Float64Array(positives);
  const neg = new Float64Array(scores.length - positives);
  let p = 0;
  let q = 0;
  for (let k = 0; k < scores.length; k++) {
    if (same[k]) pos[p++] = scores[k] as number;
    else neg[q++] = scores[k] as number;
  }
  // Typed-array sort is numeric and native: far faster than sorting indices with a comparator.
  return { same: pos.sort(), different: neg.sort() };
}

/** Number of entries < t in an ascending array (binary search). */
export function countBelow(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of entries >= t in an ascending array. */
export function countAtLeast(sorted: Float64Array, t: number): number {
  return sorted.length - countBelow(sorted, t);
}
