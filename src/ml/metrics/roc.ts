// The ROC curve of verification pairs and the numbers read off it: AUC, TAR at a given FAR, EER.
// A pair is accepted when its score >= threshold, as in the reference (sklearn's roc_curve).
import type { SortedScores } from './sorted-scores';

/** Why a curve is missing: ROC needs at least one same-person and one different-person pair. */
export type PairStatus = 'ok' | 'no-pairs' | 'no-same-pairs' | 'no-different-pairs';

export interface RocCurve {
  readonly status: PairStatus;
  /**
   * Point 0 is (0, 0) at threshold +Infinity; then one point per distinct score, descending, so a
   * run of tied scores is one step (a diagonal one when it mixes same and different pairs).
   * Empty unless status is 'ok'.
   */
  readonly far: Float64Array;
  readonly tar: Float64Array;
  readonly thresholds: Float64Array;
  readonly samePairs: number;
  readonly differentPairs: number;
}

export interface OperatingPoint {
  readonly threshold: number;
  readonly tar: number;
  readonly far: number;
}

export function pairStatus(sorted: SortedScores): PairStatus {
  const p = sorted.same.length;
  const n = sorted.different.length;
  if (p === 0 && n === 0) return 'no-pairs';
  if (p === 0) return 'no-same-pairs';
  return n === 0 ? 'no-different-pairs' : 'ok';
}

export function rocCurve(sorted: SortedScores): RocCurve {
  const { same: pos, different: neg } = sorted;
  const status = pairStatus(sorted);
  const base = { status, samePairs: pos.length, differentPairs: neg.length };
  if (status !== 'ok') {
    return {
      ...base,
      far: new Float64Array(0),
      tar: new Float64Array(0),
      thresholds: new Float64Array(0),
    };
  }
  // At most one point per pair plus the origin; trimmed at the end.
  const far = new Float64Array(pos.length + neg.length + 1);
  const tar = new Float64Array(far.length);
  const thresholds = new Float64Array(far.length);
  thresholds[0] = Infinity;
  let points = 1;
  let pi = pos.length - 1;
  let ni = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (pi >= 0 || ni >= 0) {
    const v = Math.max(
      pi >= 0 ? (pos[pi] as number) : -Infinity,
      ni >= 0 ? (neg[ni] as number) : -Infinity,
    );
    while (pi >= 0 && pos[pi] === v) {
      tp++;
      pi--;
    }
    while (ni >= 0 && neg[ni] === v) {
      fp++;
      ni--;
    }
    // Divided, not multiplied by 1/n, so 1/100 is exactly the double 0.01 a caller asks about.
    far[points] = fp / neg.length;
    tar[points] = tp / pos.length;
    thresholds[points] = v;
    points++;
  }
  return {
    ...base,
    far: far.slice(0, points),
    tar: tar.slice(0, points),
    thresholds: thresholds.slice(0, points),
  };
}

/**
 * Area under the ROC: the probability that a random same-person pair scores above a random
 * different-person pair, ties counting one half (Mann-Whitney U / (P·N)). Counted exactly in
 * integers (doubled to keep the halves whole) rather than by trapezoids. NaN without both kinds.
 */
export function rocAuc(sorted: SortedScores): number {
  const { same: pos, different: neg } = sorted;
  if (pos.length === 0 || neg.length === 0) return NaN;
  let twiceWins = 0;
  let negBelow = 0;
  let pi = 0;
  let ni = 0;
  while (pi < pos.length) {
    const v = pos[pi] as number;
    while (ni < neg.length && (neg[ni] as number) < v) {
      negBelow++;
      ni++;
    }
    let tied = 0;
    while (ni + tied < neg.length && neg[ni + tied] === v) tied++;
    let p = 0;
    while (pi < pos.length && pos[pi] === v) {
      p++;
      pi++;
    }
    twiceWins += p * (2 * negBelow + tied);
  }
  return twiceWins / (2 * pos.length * neg.length);
}

/** Index of the last point with far <= x (far is non-decreasing; far[0] = 0); -1 when x < 0. */
export function lastAtOrBelow(far: Float64Array, x: number): number {
  let lo = 0;
  let hi = far.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((far[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * TAR at FAR = x exactly as the reference computes it: `np.interp(x, fpr, tpr)` on sklearn's
 * ROC. That is a linear interpolation between the two ROC points around x (taking the top of a
 * vertical run when x equals a point's FAR), not the natural "TAR of the best threshold whose FAR
 * is at most x": the interpolated TAR can be higher than any single threshold achieves, because it
 * describes a random mix of two thresholds. The achievable figure is `operatingPointAtFar`.
 * NaN when the curve is missing.
 */
export function tarAtFar(roc: RocCurve, x: number): number {
  const { far, tar } = roc;
  if (roc.status !== 'ok' || Number.isNaN(x)) return NaN;
  if (x < 0) return 0;
  const j = lastAtOrBelow(far, x);
  const last = far.length - 1;
  if (j >= last || far[j] === x) return tar[j] as number;
  const f0 = far[j] as number;
  const f1 = far[j + 1] as number;
  const t0 = tar[j] as number;
  return t0 + (((tar[j + 1] as number) - t0) * (x - f0)) / (f1 - f0);
}

/** The threshold a deployment can actually use: the highest TAR whose FAR is at most x. */
export function operatingPointAtFar(roc: RocCurve, x: number): OperatingPoint {
  if (roc.status !== 'ok' || !(x >= 0)) return { threshold: NaN, tar: NaN, far: NaN };
  const j = lastAtOrBelow(roc.far, x);
  return {
    threshold: roc.thresholds[j] as number,
    tar: roc.tar[j] as number,
    far: roc.far[j] as number,
  };
}

/**
 * Equal error rate: the FAR where the (linearly interpolated, as for TAR@FAR) ROC crosses
 * FAR = 1 − TAR. FAR + TAR grows strictly from point to point, so the crossing is unique.
 * The reference has no EER; other tools take the nearest threshold instead, which differs by at
 * most one step of the curve.
 */
export function equalErrorRate(roc: RocCurve): number {
  const { far, tar } = roc;
  if (roc.status !== 'ok') return NaN;
  let k = 1;
  while ((far[k] as number) + (tar[k] as number) < 1) k++;
  const g0 = (far[k - 1] as number) + (tar[k - 1] as number) - 1;
  const g1 = (far[k] as number) + (tar[k] as number) - 1;
  if (g1 === 0) return far[k] as number;
  const f0 = far[k - 1] as number;
  return f0 + (((far[k] as number) - f0) * -g0) / (g1 - g0);
}
