// A chartable ROC: at most ~200 of the curve's points (it has one per distinct pair score, tens
// of thousands on a real test set), chosen so that both a linear and a log-FAR chart look right.
import { lastAtOrBelow, type RocCurve } from './roc';

export interface RocPoints {
  readonly far: number[];
  readonly tar: number[];
  /** +Infinity for the first point (0, 0) */
  readonly thresholds: number[];
}

/** First index whose far + tar reaches `level` (far + tar rises strictly along the curve). */
function firstAtArcLength(roc: RocCurve, level: number): number {
  let lo = 0;
  let hi = roc.far.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((roc.far[mid] as number) + (roc.tar[mid] as number) < level) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Keeps both ends, the two points around each FAR in `keepFars` (so the reported TAR@FAR values,
 * interpolated between exactly those two, lie on the drawn line), then spends half of what is left
 * evenly along the curve's length (for a linear chart) and half at log-spaced FARs (where a log
 * chart spends its width, and where face verification is judged).
 */
export function thinRoc(
  roc: RocCurve,
  maxPoints = 200,
  keepFars: readonly number[] = [1e-3, 1e-2],
): RocPoints {
  const n = roc.far.length;
  const keep = new Set<number>();
  if (n <= maxPoints) {
    for (let k = 0; k < n; k++) keep.add(k);
  } else {
    keep.add(0).add(n - 1);
    for (const x of keepFars) {
      const j = lastAtOrBelow(roc.far, x);
      if (j >= 0) keep.add(j).add(Math.min(n - 1, j + 1));
    }
    const budget = Math.max(0, maxPoints - keep.size);
    const alongCurve = Math.ceil(budget / 2);
    for (let l = 1; l <= alongCurve; l++)
      keep.add(firstAtArcLength(roc, (2 * l) / (alongCurve + 1)));
    const logSteps = budget - alongCurve;
    // 1/N is the smallest FAR above zero that the curve can reach.
    const smallest = Math.log10(1 / roc.differentPairs);
    for (let l = 0; l < logSteps; l++) {
      const x = 10 ** (smallest - (smallest * l) / Math.max(1, logSteps - 1));
      keep.add(lastAtOrBelow(roc.far, x));
    }
  }
  const order = [...keep].sort((a, b) => a - b);
  return {
    far: order.map((k) => roc.far[k] as number),
    tar: order.map((k) => roc.tar[k] as number),
    thresholds: order.map((k) => roc.thresholds[k] as number),
  };
}
