import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seeded-random';
import { rocCurve, tarAtFar } from './roc';
import { thinRoc } from './roc-thinning';
import { sortScores } from './sorted-scores';

function bigRoc() {
  const random = seededRandom(8);
  const same = Array.from({ length: 20000 }, () => (random() < 0.05 ? 1 : 0));
  const scores = same.map((s) => random() + 0.6 * s);
  return rocCurve(sortScores(scores, same));
}

describe('thinRoc', () => {
  it('keeps a small curve whole', () => {
    const roc = rocCurve(sortScores([0.9, 0.5, 0.3], [1, 0, 1]));
    expect(thinRoc(roc).far).toEqual(Array.from(roc.far));
    expect(thinRoc(roc).thresholds[0]).toBe(Infinity);
  });

  it('keeps at most maxPoints, both ends, and stays a monotone subset of the curve', () => {
    const roc = bigRoc();
    expect(roc.far.length).toBeGreaterThan(10000);
    const thin = thinRoc(roc, 200);
    expect(thin.far.length).toBeLessThanOrEqual(200);
    expect(thin.far.length).toBeGreaterThan(150);
    expect([thin.far[0], thin.tar[0]]).toEqual([0, 0]);
    expect([thin.far.at(-1), thin.tar.at(-1)]).toEqual([1, 1]);
    for (let k = 1; k < thin.far.length; k++) {
      expect(thin.far[k]).toBeGreaterThanOrEqual(thin.far[k - 1]!);
      expect(thin.tar[k]).toBeGreaterThanOrEqual(thin.tar[k - 1]!);
      expect(thin.thresholds[k]).toBeLessThan(thin.thresholds[k - 1]!);
    }
  });

  it('draws the reported TAR at FAR 1e-3 and 1e-2 on its line, and covers low FARs', () => {
    const roc = bigRoc();
    const thin = thinRoc(roc, 200);
    for (const x of [1e-3, 1e-2]) {
      const k = thin.far.findIndex((f) => f > x);
      const t =
        thin.tar[k - 1]! +
        ((thin.tar[k]! - thin.tar[k - 1]!) * (x - thin.far[k - 1]!)) /
          (thin.far[k]! - thin.far[k - 1]!);
      expect(t).toBeCloseTo(tarAtFar(roc, x), 12);
    }
    expect(thin.far.filter((f) => f > 0 && f < 1e-3).length).toBeGreaterThan(3);
  });
});
