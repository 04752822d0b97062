import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seeded-random';
import { hardestPairs } from './hardest-pairs';
import type { PairScores } from './pairs';

function pairsOf(scores: number[], same: number[]): PairScores {
  return {
    scores: Float64Array.from(scores),
    same: Uint8Array.from(same),
    first: Uint32Array.from(scores, (_, k) => k),
    second: Uint32Array.from(scores, (_, k) => k + 100),
  };
}

describe('hardestPairs', () => {
  it('returns the highest different-person and lowest same-person pairs, ties to the earlier pair', () => {
    const pairs = pairsOf([0.9, 0.1, 0.7, 0.95, 0.7, 0.2, 0.05, 0.7], [0, 1, 0, 1, 0, 1, 1, 0]);
    const hard = hardestPairs(pairs, 2);
    expect(hard.different).toEqual([
      { first: 0, second: 100, score: 0.9 },
      { first: 2, second: 102, score: 0.7 },
    ]);
    expect(hard.same).toEqual([
      { first: 6, second: 106, score: 0.05 },
      { first: 1, second: 101, score: 0.1 },
    ]);
  });

  it('agrees with a full sort on random scores', () => {
    const random = seededRandom(21);
    const scores = Array.from({ length: 2000 }, () => Math.round(random() * 200) / 100 - 1);
    const same = scores.map(() => (random() < 0.2 ? 1 : 0));
    const hard = hardestPairs(pairsOf(scores, same), 10);
    const idx = scores.map((_, k) => k);
    const wantDifferent = idx
      .filter((k) => !same[k])
      .sort((a, b) => scores[b]! - scores[a]! || a - b);
    const wantSame = idx.filter((k) => same[k]).sort((a, b) => scores[a]! - scores[b]! || a - b);
    expect(hard.different.map((p) => p.first)).toEqual(wantDifferent.slice(0, 10));
    expect(hard.same.map((p) => p.first)).toEqual(wantSame.slice(0, 10));
  });

  it('returns what there is when there are fewer than k, and nothing for k = 0', () => {
    const pairs = pairsOf([0.3, 0.4], [1, 0]);
    expect(hardestPairs(pairs, 5).same.length).toBe(1);
    expect(hardestPairs(pairs, 0)).toEqual({ different: [], same: [] });
  });
});
