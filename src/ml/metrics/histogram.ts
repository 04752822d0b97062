// Similarity distributions of same-person and different-person pairs, binned for the Evaluate
// chart on which the threshold is drawn.

export interface SimilarityHistogram {
  readonly lo: number;
  readonly hi: number;
  /** bin b covers [lo + b·w, lo + (b+1)·w) with w = (hi − lo) / bins; the last bin includes hi */
  readonly bins: number;
  readonly same: number[];
  readonly different: number[];
}

/**
 * Counts, not densities: different-person pairs outnumber same-person ones about a hundred to
 * one, so the chart divides each series by its own total. Scores outside [lo, hi] (a cosine of
 * 1 + 1e-16 from rounding) go to the edge bins instead of vanishing.
 */
export function similarityHistogram(
  scores: ArrayLike<number>,
  same: ArrayLike<number>,
  bins = 50,
  lo = -1,
  hi = 1,
): SimilarityHistogram {
  const sameCounts = new Array<number>(bins).fill(0);
  const differentCounts = new Array<number>(bins).fill(0);
  const scale = bins / (hi - lo);
  for (let k = 0; k < scores.length; k++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((scores[k] as number) - lo) * scale)));
    const counts = same[k] ? sameCounts : differentCounts;
    counts[b] = (counts[b] as number) + 1;
  }
  return { lo, hi, bins, same: sameCounts, different: differentCounts };
}
