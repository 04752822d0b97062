import { describe, expect, it } from 'vitest';
import { matrixFromRows } from './embedding-matrix';
import { allPairs, pairCount } from './pairs';
import { clusteredSplits } from './test-utils/test-embeddings';
import { cosineSimilarity } from './vector-ops';

describe('allPairs', () => {
  it('scores every unordered pair once, in numpy triu order, with same-person flags', () => {
    const rows = [
      [1, 0],
      [0, 2],
      [3, 3],
      [-1, 0],
    ];
    const pairs = allPairs({ embeddings: matrixFromRows(rows), labels: [7, 7, 1, 7] });
    expect(Array.from(pairs.first)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(Array.from(pairs.second)).toEqual([1, 2, 3, 2, 3, 3]);
    expect(Array.from(pairs.same)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(pairs.scores[0]).toBe(0);
    expect(pairs.scores[1]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(pairs.scores[2]).toBe(-1);
  });

  it('matches cosineSimilarity for every pair of odd-sized embeddings (unrolled loop tail)', () => {
    const [set] = clusteredSplits({ classes: 4, dim: 13, perClass: [6], noise: 0.5, seed: 9 });
    const { embeddings, labels } = set!;
    const pairs = allPairs(set!);
    expect(pairs.scores.length).toBe(pairCount(24));
    const row = (i: number) => embeddings.data.subarray(i * 13, (i + 1) * 13);
    for (let k = 0; k < pairs.scores.length; k++) {
      const i = pairs.first[k]!;
      const j = pairs.second[k]!;
      expect(pairs.scores[k]).toBeCloseTo(cosineSimilarity(row(i), row(j)), 13);
      expect(pairs.same[k]).toBe(labels[i] === labels[j] ? 1 : 0);
    }
  });

  it('is empty for fewer than two embeddings', () => {
    expect(allPairs({ embeddings: matrixFromRows([], 4), labels: [] }).scores.length).toBe(0);
    expect(allPairs({ embeddings: matrixFromRows([[1, 2]]), labels: [0] }).scores.length).toBe(0);
    expect(pairCount(0)).toBe(0);
    expect(pairCount(1000)).toBe(499500);
  });
});
