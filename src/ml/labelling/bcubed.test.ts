// BCubed against figures worked out by hand, and its refusals of groups that lose or repeat rows.
import { describe, expect, test } from 'vitest';
import { bcubed } from './bcubed';

describe('bcubed', () => {
  test('is 1, 1, 1 when the groups are the labels', () => {
    expect(bcubed([[0, 1], [2]], [7, 7, 3])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  test('one group of everything: recall 1, precision the chance of a shared label', () => {
    // Labels a a b b: each item's group (all four) holds 2 of its label → precision 2/4.
    const { precision, recall, f1 } = bcubed([[0, 1, 2, 3]], [0, 0, 1, 1]);
    expect(precision).toBeCloseTo(0.5, 12);
    expect(recall).toBe(1);
    expect(f1).toBeCloseTo(2 / 3, 12);
  });

  test('all singletons: precision 1, recall the mean of 1 / label size', () => {
    // Labels a a a b: the a items each find 1 of 3, the b item 1 of 1 → (1/3·3 + 1) / 4 = 0.5.
    const { precision, recall } = bcubed([[0], [1], [2], [3]], [0, 0, 0, 1]);
    expect(precision).toBe(1);
    expect(recall).toBeCloseTo(0.5, 12);
  });

  test('a mixed group and a split label, worked by hand', () => {
    // Labels: 0 0 0 1 1 2. Groups {0,1,3} {2} {4,5}.
    // Precision: items 0,1 → 2/3 each; item 3 → 1/3; item 2 → 1; items 4,5 → 1/2 each.
    //   (2/3 + 2/3 + 1/3 + 1 + 1/2 + 1/2) / 6 = (11/3) / 6 = 11/18.
    // Recall: items 0,1 → 2/3 each; item 2 → 1/3; item 3 → 1/2; item 4 → 1/2; item 5 → 1.
    //   (2/3 + 2/3 + 1/3 + 1/2 + 1/2 + 1) / 6 = (11/3) / 6 = 11/18.
    const { precision, recall, f1 } = bcubed([[0, 1, 3], [2], [4, 5]], [0, 0, 0, 1, 1, 2]);
    expect(precision).toBeCloseTo(11 / 18, 12);
    expect(recall).toBeCloseTo(11 / 18, 12);
    expect(f1).toBeCloseTo(11 / 18, 12);
  });

  test('refuses a row in two groups, a missing row and an out-of-range row', () => {
    expect(() => bcubed([[0, 1], [1]], [0, 0])).toThrow(/two groups/);
    expect(() => bcubed([[0]], [0, 0])).toThrow(/no group/);
    expect(() => bcubed([[0, 2]], [0, 0])).toThrow(/out of range/);
  });
});
