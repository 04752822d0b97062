import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seeded-random';
import { sortScores } from './sorted-scores';
import { chooseThreshold, ratesAtThreshold } from './threshold';

const SAME = [0.9, 0.8, 0.8, 0.5, 0.3];
const DIFFERENT = [0.8, 0.6, 0.5, 0.5, 0.2, 0.1];
const hand = sortScores([...SAME, ...DIFFERENT], [...SAME.map(() => 1), ...DIFFERENT.map(() => 0)]);

/** The reference's bacc, written out over plain arrays. */
function bacc(same: number[], different: number[], t: number): number {
  const tar = same.filter((s) => s >= t).length / same.length;
  const tnr = different.filter((s) => s < t).length / different.length;
  return 0.5 * (tar + tnr);
}

describe('ratesAtThreshold', () => {
  it('accepts scores >= threshold (hand example at 0.8 and between scores)', () => {
    const r = ratesAtThreshold(hand, 0.8);
    expect(r.acceptedSame).toBe(3);
    expect(r.acceptedDifferent).toBe(1);
    expect(r.tar).toBeCloseTo(0.6, 15);
    expect(r.far).toBeCloseTo(1 / 6, 15);
    expect(r.balancedAccuracy).toBeCloseTo(0.5 * (0.6 + 5 / 6), 15);
    expect(ratesAtThreshold(hand, 0.55)).toMatchObject({ acceptedSame: 3, acceptedDifferent: 2 });
    expect(ratesAtThreshold(hand, 2)).toMatchObject({ tar: 0, far: 0, balancedAccuracy: 0.5 });
    expect(ratesAtThreshold(hand, -2)).toMatchObject({ tar: 1, far: 1, balancedAccuracy: 0.5 });
  });

  it('agrees with counting by hand at every score and between them', () => {
    const random = seededRandom(11);
    const same = Array.from({ length: 60 }, () => Math.round(random() * 20) / 20);
    const different = Array.from({ length: 90 }, () => Math.round(random() * 20) / 20 - 0.2);
    const sorted = sortScores(
      [...same, ...different],
      [...same.map(() => 1), ...different.map(() => 0)],
    );
    for (let t = -0.5; t <= 1.2; t += 0.025) {
      const r = ratesAtThreshold(sorted, t);
      expect(r.acceptedSame).toBe(same.filter((s) => s >= t).length);
      expect(r.acceptedDifferent).toBe(different.filter((s) => s >= t).length);
      expect(r.balancedAccuracy).toBe(bacc(same, different, t));
    }
  });

  it('leaves undefined rates NaN for one-sided or empty pair sets', () => {
    const onlySame = ratesAtThreshold(sortScores([0.2, 0.6], [1, 1]), 0.5);
    expect(onlySame.tar).toBe(0.5);
    expect(onlySame.far).toBeNaN();
    expect(onlySame.balancedAccuracy).toBeNaN();
    const empty = ratesAtThreshold(sortScores([], []), 0.5);
    expect(empty.tar).toBeNaN();
    expect(empty.far).toBeNaN();
  });
});

describe('chooseThreshold', () => {
  it('picks the distinct score with the highest balanced accuracy (hand: 0.8)', () => {
    // bacc at .1 .2 .3 .5 .6 .8 .9 = .5 .583 .667 .567 .633 .717 .6
    const choice = chooseThreshold(hand);
    expect(choice.threshold).toBe(0.8);
    expect(choice.balancedAccuracy).toBeCloseTo(0.5 * (0.6 + 5 / 6), 15);
    expect(choice.candidates).toBe(7);
  });

  it('keeps the lowest of equally good thresholds, as numpy argmax does', () => {
    // bacc: .1 -> .5, .5 -> .75, .6 -> .5, .7 -> .75
    expect(chooseThreshold(sortScores([0.5, 0.7, 0.1, 0.6], [1, 1, 0, 0])).threshold).toBe(0.5);
  });

  it('thins the candidates like the reference: every floor(U/2000)-th distinct score', () => {
    const random = seededRandom(3);
    const same: number[] = [];
    const different: number[] = [];
    for (let k = 0; k < 4500; k++) {
      if (random() < 0.1) same.push(random() * 0.8 + 0.2);
      else different.push(random() * 0.8 - 0.3);
    }
    const sorted = sortScores(
      [...same, ...different],
      [...same.map(() => 1), ...different.map(() => 0)],
    );
    const unique = [...new Set([...same, ...different])].sort((a, b) => a - b);
    const step = Math.floor(unique.length / 2000);
    expect(step).toBe(2);
    const grid = unique.filter((_, u) => u % step === 0);
    let best = grid[0] as number;
    for (const t of grid) if (bacc(same, different, t) > bacc(same, different, best)) best = t;

    const choice = chooseThreshold(sorted);
    expect(choice.candidates).toBe(grid.length);
    expect(choice.threshold).toBe(best);
    expect(choice.balancedAccuracy).toBe(bacc(same, different, best));

    // 'all' tries every distinct score, and can only do as well or better
    const exact = chooseThreshold(sorted, 'all');
    expect(exact.candidates).toBe(unique.length);
    expect(exact.balancedAccuracy).toBeGreaterThanOrEqual(choice.balancedAccuracy);
    const bestAll = Math.max(...unique.map((t) => bacc(same, different, t)));
    expect(exact.balancedAccuracy).toBe(bestAll);
  });

  it('gives NaN instead of a threshold when val lacks one kind of pair', () => {
    for (const sorted of [
      sortScores([], []),
      sortScores([0.4, 0.9], [1, 1]),
      sortScores([0.4], [0]),
    ]) {
      const choice = chooseThreshold(sorted);
      expect(choice.threshold).toBeNaN();
      expect(choice.balancedAccuracy).toBeNaN();
      expect(choice.candidates).toBe(0);
    }
  });
});

describe('ratesAtThreshold without a threshold', () => {
  it('is NaN for NaN, not "accept everything"', () => {
    const r = ratesAtThreshold(hand, NaN);
    expect(r.tar).toBeNaN();
    expect(r.far).toBeNaN();
    expect(r.balancedAccuracy).toBeNaN();
    expect(r.samePairs).toBe(5);
  });
});
