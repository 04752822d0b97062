import { describe, expect, it } from 'vitest';
import { matrixFromRows, type LabelledEmbeddings } from './embedding-matrix';
import { identify, rankTemplates } from './identification';
import { MetricsError } from './metrics-error';
import { classTemplates } from './templates';

function split(rows: number[][], labels: number[]): LabelledEmbeddings {
  return { embeddings: matrixFromRows(rows, 2), labels };
}

// Class 0 along +x, class 2 along +y (class 1 has no train image), lengths vary on purpose.
const train = split(
  [
    [2, 0],
    [0.6, 0.8],
    [0, 5],
    [0, 1],
  ],
  [0, 0, 2, 2],
);

describe('classTemplates', () => {
  it('is the normalised mean of normalised train embeddings, per class in label order', () => {
    const t = classTemplates(train);
    expect(t.classes).toEqual([0, 2]);
    // mean of (1,0) and (.6,.8) is (.8,.4); normalised (2,1)/√5 — the raw mean would differ
    expect(t.data[0]).toBeCloseTo(2 / Math.sqrt(5), 15);
    expect(t.data[1]).toBeCloseTo(1 / Math.sqrt(5), 15);
    expect(Array.from(t.data.subarray(2))).toEqual([0, 1]);
  });
});

describe('identify', () => {
  const templates = classTemplates(train);

  it('predicts the nearest template, counts top-1 and fills the confusion matrix', () => {
    const test = split(
      [
        [1, 0.1],
        [0.1, 1],
        [1, 2.5],
        [0.3, 1],
      ],
      [0, 2, 0, 1],
    );
    const result = identify(templates, test);
    expect(Array.from(result.predictions)).toEqual([0, 2, 2, 2]);
    expect(result.top1).toBe(0.25 * 2);
    // class 1 appears only in the queries: it gets a row (all mistakes) and a never-used column
    expect(result.confusion.classes).toEqual([0, 1, 2]);
    expect(result.confusion.counts).toEqual([
      [1, 0, 1],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    const s = 1 / Math.sqrt(1.01);
    expect(result.scores[0]).toBeCloseTo((2 / Math.sqrt(5)) * s + (1 / Math.sqrt(5)) * 0.1 * s, 14);
    expect(Array.from(result.ranking.subarray(0, 2))).toEqual([0, 1]);
    expect(Array.from(result.ranking.subarray(2, 4))).toEqual([1, 0]);
  });

  it('breaks an exact tie for the first class, like numpy argmax', () => {
    const twins = classTemplates(
      split(
        [
          [1, 0],
          [1, 0],
        ],
        [4, 3],
      ),
    );
    const result = identify(twins, split([[1, 0]], [4]));
    expect(result.predictions[0]).toBe(3);
    expect(result.top1).toBe(0);
  });

  it('is NaN with no query or no template, and rejects mismatched dims', () => {
    expect(identify(templates, split([], [])).top1).toBeNaN();
    const none = identify(classTemplates(split([], [])), split([[1, 0]], [0]));
    expect(none.top1).toBeNaN();
    expect(none.predictions[0]).toBe(-1);
    expect(() =>
      identify(templates, { embeddings: matrixFromRows([[1, 2, 3]]), labels: [0] }),
    ).toThrow(MetricsError);
    expect(() => identify(templates, split([[1, 0]], [0.5]))).toThrow(/Label 0/);
  });
});

describe('rankTemplates', () => {
  it('lists every template by descending cosine with its label', () => {
    const ranked = rankTemplates(classTemplates(train), [0, -3]);
    expect(ranked.map((m) => m.label)).toEqual([0, 2]);
    expect(ranked[0]?.score).toBeCloseTo(-1 / Math.sqrt(5), 15);
    expect(ranked[1]?.score).toBeCloseTo(-1, 15);
  });
});
