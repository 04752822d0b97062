// Checks the learning-rate schedule: warm-up start, peak, monotone cosine, and the 1e-6 floor.
import { describe, expect, test } from 'vitest';
import { learningRateAt } from './lr-schedule';

const schedule = { baseLr: 1e-3, warmupSteps: 10, totalSteps: 110 };

describe('learningRateAt', () => {
  test('warm-up rises linearly from baseLr/(w + 1) to the peak at step w', () => {
    expect(learningRateAt(0, schedule)).toBeCloseTo(1e-3 / 11, 12);
    expect(learningRateAt(4, schedule)).toBeCloseTo((1e-3 * 5) / 11, 12);
    expect(learningRateAt(9, schedule)).toBeCloseTo((1e-3 * 10) / 11, 12);
    expect(learningRateAt(10, schedule)).toBe(1e-3);
    for (let s = 1; s <= 10; s++) {
      expect(learningRateAt(s, schedule)).toBeGreaterThan(learningRateAt(s - 1, schedule));
    }
  });

  test('cosine from the peak to exactly 1e-6 at the last step, strictly decreasing', () => {
    // Halfway through the cosine (step 10 + 99/2): minLr + (base − minLr)/2.
    const mid = learningRateAt(10 + 49.5, schedule);
    expect(mid).toBeCloseTo(1e-6 + (1e-3 - 1e-6) / 2, 12);
    expect(learningRateAt(109, schedule)).toBe(1e-6);
    for (let s = 11; s <= 109; s++) {
      expect(learningRateAt(s, schedule)).toBeLessThan(learningRateAt(s - 1, schedule));
    }
    expect(learningRateAt(500, schedule)).toBe(1e-6);
  });

  test('without warm-up the first step runs at baseLr (the seed CosineAnnealingLR)', () => {
    const noWarmup = { baseLr: 0.1, warmupSteps: 0, totalSteps: 50 };
    expect(learningRateAt(0, noWarmup)).toBe(0.1);
    expect(learningRateAt(49, noWarmup)).toBe(1e-6);
    expect(learningRateAt(25, { ...noWarmup, minLr: 0 })).toBeCloseTo(
      0.05 * (1 + Math.cos((Math.PI * 25) / 49)),
      12,
    );
  });

  test('a one-step run uses baseLr', () => {
    expect(learningRateAt(0, { baseLr: 0.01, warmupSteps: 0, totalSteps: 1 })).toBe(0.01);
  });
});
