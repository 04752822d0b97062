// The hardest pairs of a set: different people the model finds most alike and photos of one
// person it finds least alike — shown as thumbnail pairs, they say more about a model than a curve.
import type { PairScores } from './pairs';

export interface HardPair {
  /** indices into the set the pairs were built from */
  readonly first: number;
  readonly second: number;
  readonly score: number;
}

export interface HardestPairs {
  /** highest-scoring different-person pairs, highest first */
  readonly different: HardPair[];
  /** lowest-scoring same-person pairs, lowest first */
  readonly same: HardPair[];
}

/** Inserts into `top`, kept best-first; strict comparisons let the earlier pair win a tie. */
function insert(
  top: HardPair[],
  k: number,
  pair: HardPair,
  better: (a: number, b: number) => boolean,
): void {
  let at = top.length;
  while (at > 0 && better(pair.score, (top[at - 1] as HardPair).score)) at--;
  top.splice(at, 0, pair);
  if (top.length > k) top.pop();
}

/**
 * The k hardest of each kind, whatever the threshold (the screen marks which are errors at the
 * current one). A bounded insertion list: O(n) for the usual pair that does not qualify.
 */
export function hardestPairs(pairs: PairScores, k = 8): HardestPairs {
  const different: HardPair[] = [];
  const same: HardPair[] = [];
  if (k <= 0) return { different, same };
  const higher = (a: number, b: number): boolean => a > b;
  const lower = (a: number, b: number): boolean => a < b;
  for (let p = 0; p < pairs.scores.length; p++) {
    const score = pairs.scores[p] as number;
    const isSame = pairs.same[p] === 1;
    const top = isSame ? same : different;
    const better = isSame ? lower : higher;
    const worst = top[top.length - 1];
    // Checked before building the pair object: almost every pair is turned away here.
    if (top.length >= k && worst !== undefined && !better(score, worst.score)) continue;
    insert(
      top,
      k,
      { first: pairs.first[p] as number, second: pairs.second[p] as number, score },
      better,
    );
  }
  return { different, same };
}
