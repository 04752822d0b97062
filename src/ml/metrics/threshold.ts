// Verification at one threshold (accept when score >= threshold): the rates behind the Evaluate
// slider, O(log n) per move on pre-sorted scores, and the folder-v1 choice of the threshold that
// maximises balanced accuracy on val/val pairs (step 4).
import { countBelow, type SortedScores } from './sorted-scores';

export interface ThresholdRates {
  readonly threshold: number;
  /** accepted same-person pairs / same-person pairs; NaN without same-person pairs */
  readonly tar: number;
  /** accepted different-person pairs / different-person pairs; NaN without different-person pairs */
  readonly far: number;
  /** (TAR + TNR) / 2; NaN unless both kinds of pair exist */
  readonly balancedAccuracy: number;
  readonly acceptedSame: number;
  readonly acceptedDifferent: number;
  readonly samePairs: number;
  readonly differentPairs: number;
}

export interface ThresholdChoice extends ThresholdRates {
  /** how many candidate thresholds were tried */
  readonly candidates: number;
}

export type CandidateGrid = 'reference' | 'all';

function rates(
  threshold: number,
  sameBelow: number,
  differentBelow: number,
  s: SortedScores,
): ThresholdRates {
  const p = s.same.length;
  const n = s.different.length;
  const tar = p > 0 ? (p - sameBelow) / p : NaN;
  // TNR counted directly rather than as 1 − FAR, as the reference's `(s[~l] < t).mean()` does, so
  // that equal balanced accuracies compare equal here too and argmax picks the same threshold.
  const tnr = n > 0 ? differentBelow / n : NaN;
  return {
    threshold,
    tar,
    far: n > 0 ? (n - differentBelow) / n : NaN,
    balancedAccuracy: 0.5 * (tar + tnr),
    acceptedSame: p - sameBelow,
    acceptedDifferent: n - differentBelow,
    samePairs: p,
    differentPairs: n,
  };
}

export function ratesAtThreshold(sorted: SortedScores, threshold: number): ThresholdRates {
  // No threshold (val could not choose one) is not "accept everything", which NaN comparisons
  // in the binary search would silently make it.
  if (Number.isNaN(threshold)) {
    const none = rates(threshold, 0, 0, sorted);
    return {
      ...none,
      tar: NaN,
      far: NaN,
      balancedAccuracy: NaN,
      acceptedSame: NaN,
      acceptedDifferent: NaN,
    };
  }
  return rates(
    threshold,
    countBelow(sorted.same, threshold),
    countBelow(sorted.different, threshold),
    sorted,
  );
}

/** Distinct scores of both kinds, ascending (numpy's `np.unique`). */
function distinctScores(sorted: SortedScores): Float64Array {
  const { same: a, different: b } = sorted;
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let u = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number));
    const v = (takeA ? a[i++] : b[j++]) as number;
    if (u === 0 || out[u - 1] !== v) out[u++] = v;
  }
  return out.subarray(0, u);
}

/**
 * The val threshold of folder-v1, defined as the reference does: candidates are the distinct val
 * scores, ascending, thinned to every `max(1, floor(U / 2000))`-th one starting with the lowest
 * (`np.unique(sv)[::step]`), and the first candidate with the highest balanced accuracy wins.
 * The thinning means the chosen threshold can miss the true optimum by a few ranks on large val
 * sets; 'all' tries every distinct score for callers that want the exact optimum.
 * Without both kinds of pair balanced accuracy is undefined and the threshold is NaN (the
 * reference would return its lowest candidate after numpy warns about a mean of nothing).
 */
export function chooseThreshold(
  sorted: SortedScores,
  grid: CandidateGrid = 'reference',
): ThresholdChoice {
  if (sorted.same.length === 0 || sorted.different.length === 0) {
    return { ...ratesAtThreshold(sorted, NaN), candidates: 0 };
  }
  const distinct = distinctScores(sorted);
  const step = grid === 'all' ? 1 : Math.max(1, Math.floor(distinct.length / 2000));
  let best: ThresholdRates | undefined;
  let candidates = 0;
  let sameBelow = 0;
  let differentBelow = 0;
  for (let u = 0; u < distinct.length; u += step) {
    const t = distinct[u] as number;
    // Candidates rise, so the counts below them only grow: one sweep instead of a search each.
    while (sameBelow < sorted.same.length && (sorted.same[sameBelow] as number) < t) sameBelow++;
    while (
      differentBelow < sorted.different.length &&
      (sorted.different[differentBelow] as number) < t
    ) {
      differentBelow++;
    }
    const r = rates(t, sameBelow, differentBelow, sorted);
    candidates++;
    if (best === undefined || r.balancedAccuracy > best.balancedAccuracy) best = r;
  }
  return { ...(best as ThresholdRates), candidates };
}
