import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seeded-random';
import { equalErrorRate, operatingPointAtFar, rocAuc, rocCurve, tarAtFar } from './roc';
import { sortScores } from './sorted-scores';

// Hand example: 5 same-person pairs, 6 different-person pairs, ties inside and across the kinds.
const SAME = [0.9, 0.8, 0.8, 0.5, 0.3];
const DIFFERENT = [0.8, 0.6, 0.5, 0.5, 0.2, 0.1];
const hand = sortScores([...SAME, ...DIFFERENT], [...SAME.map(() => 1), ...DIFFERENT.map(() => 0)]);

function bruteAuc(same: number[], different: number[]): number {
  let wins = 0;
  for (const s of same) for (const d of different) wins += s > d ? 1 : s === d ? 0.5 : 0;
  return wins / (same.length * different.length);
}

function randomScores(
  seed: number,
  n: number,
  levels: number,
): { scores: number[]; same: number[] } {
  const random = seededRandom(seed);
  const same = Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
  // Few distinct levels force many ties, within and across the two kinds.
  const scores = same.map((s) => Math.round((random() + 0.3 * s) * levels) / levels);
  return { scores, same };
}

describe('rocCurve', () => {
  it('makes one step per distinct score, tied pairs of both kinds in one diagonal step', () => {
    const roc = rocCurve(hand);
    expect(roc.status).toBe('ok');
    expect(Array.from(roc.thresholds)).toEqual([Infinity, 0.9, 0.8, 0.6, 0.5, 0.3, 0.2, 0.1]);
    expect(Array.from(roc.far)).toEqual([0, 0, 1 / 6, 2 / 6, 4 / 6, 4 / 6, 5 / 6, 1]);
    expect(Array.from(roc.tar)).toEqual([0, 0.2, 0.6, 0.6, 0.8, 1, 1, 1]);
  });

  it('reports why there is no curve instead of dividing by zero', () => {
    expect(rocCurve(sortScores([], [])).status).toBe('no-pairs');
    const allSame = rocCurve(sortScores([0.1, 0.5], [1, 1]));
    expect(allSame.status).toBe('no-different-pairs');
    expect(allSame.far.length).toBe(0);
    expect(rocCurve(sortScores([0.1, 0.5], [0, 0])).status).toBe('no-same-pairs');
  });
});

describe('rocAuc', () => {
  it('matches the hand count 22/30 (ties count half)', () => {
    expect(rocAuc(hand)).toBeCloseTo(22 / 30, 15);
  });

  it('equals the brute-force Mann-Whitney probability on tie-heavy random data', () => {
    for (const [seed, levels] of [
      [1, 5],
      [2, 20],
      [3, 1000],
    ] as const) {
      const { scores, same } = randomScores(seed, 300, levels);
      const auc = rocAuc(sortScores(scores, same));
      const pos = scores.filter((_, k) => same[k]);
      const neg = scores.filter((_, k) => !same[k]);
      expect(auc).toBeCloseTo(bruteAuc(pos, neg), 12);
    }
  });

  it('equals the trapezoid area under its own ROC', () => {
    const { scores, same } = randomScores(4, 200, 10);
    const sorted = sortScores(scores, same);
    const roc = rocCurve(sorted);
    let area = 0;
    for (let k = 1; k < roc.far.length; k++) {
      area += ((roc.far[k]! - roc.far[k - 1]!) * (roc.tar[k]! + roc.tar[k - 1]!)) / 2;
    }
    expect(rocAuc(sorted)).toBeCloseTo(area, 12);
  });

  it('is 1, 0 and 0.5 for perfect, inverted and all-tied scores', () => {
    expect(rocAuc(sortScores([0.9, 0.8, 0.1], [1, 1, 0]))).toBe(1);
    expect(rocAuc(sortScores([0.1, 0.2, 0.9], [1, 1, 0]))).toBe(0);
    expect(rocAuc(sortScores([0.5, 0.5, 0.5], [1, 0, 0]))).toBe(0.5);
  });

  it('is NaN without both kinds of pair', () => {
    expect(rocAuc(sortScores([], []))).toBeNaN();
    expect(rocAuc(sortScores([0.3, 0.4], [1, 1]))).toBeNaN();
    expect(rocAuc(sortScores([0.3, 0.4], [0, 0]))).toBeNaN();
  });
});

describe('tarAtFar (numpy interp on the ROC, as the reference)', () => {
  const roc = rocCurve(hand);

  it('interpolates linearly between the points around the FAR', () => {
    // between (0, 0.2) and (1/6, 0.6); values checked with np.interp on sklearn's roc_curve
    expect(tarAtFar(roc, 0.1)).toBeCloseTo(0.44, 12);
    expect(tarAtFar(roc, 0.01)).toBeCloseTo(0.224, 12);
    expect(tarAtFar(roc, 0.5)).toBeCloseTo(0.7, 12);
  });

  it('takes the top of a vertical run when the FAR is exactly a point of it', () => {
    expect(tarAtFar(roc, 0)).toBe(0.2);
    expect(tarAtFar(roc, 1 / 6)).toBe(0.6);
    expect(tarAtFar(roc, 4 / 6)).toBe(1);
    expect(tarAtFar(roc, 1)).toBe(1);
  });

  it('clamps outside [0, 1] and is NaN without a curve', () => {
    expect(tarAtFar(roc, -0.5)).toBe(0);
    expect(tarAtFar(roc, 2)).toBe(1);
    expect(tarAtFar(rocCurve(sortScores([0.1], [1])), 0.01)).toBeNaN();
  });

  it('can exceed what any single threshold achieves; operatingPointAtFar is the achievable one', () => {
    const op = operatingPointAtFar(roc, 0.1);
    expect(op).toEqual({ threshold: 0.9, tar: 0.2, far: 0 });
    expect(tarAtFar(roc, 0.1)).toBeGreaterThan(op.tar);
    expect(operatingPointAtFar(roc, 1 / 6)).toEqual({ threshold: 0.8, tar: 0.6, far: 1 / 6 });
    expect(operatingPointAtFar(rocCurve(sortScores([], [])), 0.1).tar).toBeNaN();
  });
});

describe('equalErrorRate', () => {
  it('is the FAR where the interpolated ROC meets FAR = 1 - TAR (hand: 0.375)', () => {
    // crossing between (1/3, 0.6) and (2/3, 0.8), one eighth of the way along
    expect(equalErrorRate(rocCurve(hand))).toBeCloseTo(0.375, 12);
  });

  it('is 0 when separable, 0.5 when all tied, and at a vertex when it lands on one', () => {
    expect(equalErrorRate(rocCurve(sortScores([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0])))).toBe(0);
    expect(equalErrorRate(rocCurve(sortScores([0.5, 0.5, 0.5, 0.5], [1, 1, 0, 0])))).toBe(0.5);
    // points (0,0) (0,.5) (.5,.5) (.5,1) (1,1): (.5,.5) lies on FAR = 1 - TAR
    expect(equalErrorRate(rocCurve(sortScores([0.9, 0.7, 0.8, 0.6], [1, 0, 0, 1])))).toBe(0.5);
  });

  it('leaves FAR and FRR equal on random data', () => {
    const { scores, same } = randomScores(5, 400, 50);
    const roc = rocCurve(sortScores(scores, same));
    const eer = equalErrorRate(roc);
    // the TAR at FAR = eer on the same interpolated curve is 1 - eer
    expect(tarAtFar(roc, eer)).toBeCloseTo(1 - eer, 10);
  });

  it('is NaN without both kinds of pair', () => {
    expect(equalErrorRate(rocCurve(sortScores([0.5], [0])))).toBeNaN();
  });
});
