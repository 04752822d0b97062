// Best matches for unsorted faces on hand-worked vectors: the person whose mean is most similar,
// with that similarity, and nobody when nothing is labelled.
import { describe, expect, test } from 'vitest';
import { bestMatches } from './best-matches';

describe('bestMatches', () => {
  test('gives each unsorted face the person whose template is most similar', () => {
    // Person 7: x and y → template (x + y)/√2. Person 3: z.
    const labelled = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const unsorted = new Float32Array([1, 0, 0, 0, 0.6, 0.8]);
    const [first, second] = bestMatches(unsorted, labelled, [7, 7, 3], 3);
    expect(first).toMatchObject({ index: 0, label: 7 });
    expect(first?.similarity).toBeCloseTo(1 / Math.sqrt(2), 12);
    // (0, 0.6, 0.8): person 7 → 0.6/√2 = 0.424, person 3 → 0.8.
    expect(second).toMatchObject({ index: 1, label: 3 });
    expect(second?.similarity).toBeCloseTo(0.8, 6);
  });

  test('with nobody labelled, no person and NaN', () => {
    expect(bestMatches(new Float32Array([1, 0]), new Float32Array(0), [], 2)).toEqual([
      { index: 0, label: null, similarity: NaN },
    ]);
  });

  test('refuses labelled rows that do not match the labels', () => {
    expect(() => bestMatches(new Float32Array(2), new Float32Array(4), [1], 2)).toThrow(
      /4 labelled values/,
    );
  });
});
