// Suspect metrics against figures worked out by hand, with a NaN score ranked lowest.
import { describe, expect, test } from 'vitest';
import { suspectMetrics, suspectScores } from './suspect-metrics';

describe('suspectMetrics', () => {
  test('precision and recall at k = flipped and 2 × flipped, and the AUC', () => {
    // Ranked: 0 (0.9, flipped), 2 (0.8), 3 (0.2, flipped), 1 (0.1), 4 (NaN).
    const m = suspectMetrics([0.9, 0.1, 0.8, 0.2, NaN], [true, false, false, true, false]);
    expect(m.flipped).toBe(2);
    expect(m.precisionAtFlipped).toBe(0.5);
    expect(m.recallAtFlipped).toBe(0.5);
    expect(m.precisionAtTwiceFlipped).toBe(0.5);
    expect(m.recallAtTwiceFlipped).toBe(1);
    // 0.9 beats 0.8, 0.1 and NaN; 0.2 beats 0.1 and NaN: 5 of 6 pairs.
    expect(m.auc).toBeCloseTo(5 / 6, 12);
  });

  test('ties count one half in the AUC and break by index in the top k', () => {
    const m = suspectMetrics([0.5, 0.5], [false, true]);
    expect(m.auc).toBe(0.5);
    expect(m.recallAtFlipped).toBe(0);
  });

  test('nothing flipped gives NaN figures', () => {
    const m = suspectMetrics([0.3, 0.2], [false, false]);
    expect(m.flipped).toBe(0);
    expect(m.recallAtTwiceFlipped).toBeNaN();
    expect(m.auc).toBeNaN();
  });

  test('suspectScores puts each score at its image, NaN for images not listed', () => {
    const scores = suspectScores(
      [
        { index: 2, score: 0.4 },
        { index: 0, score: -0.1 },
      ],
      3,
    );
    expect(Array.from(scores)).toEqual([-0.1, NaN, 0.4]);
  });

  test('refuses scores and flags of different lengths', () => {
    expect(() => suspectMetrics([1, 2], [true])).toThrow(/2 scores but 1 flags/);
  });
});
