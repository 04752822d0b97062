import { describe, expect, it } from 'vitest';
import { embeddingMatrix, matrixFromRows } from './embedding-matrix';
import { MetricsError } from './metrics-error';
import { cosineSimilarity, l2Normalize, normalizeRows } from './vector-ops';

describe('l2Normalize and cosineSimilarity', () => {
  it('scales to unit length and measures the angle', () => {
    expect(Array.from(l2Normalize([3, 4]))).toEqual([0.6, 0.8]);
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosineSimilarity([2, 0], [-5, 0])).toBe(-1);
    expect(cosineSimilarity([1, 2, 3], [10, 20, 30])).toBeCloseTo(1, 15);
  });

  it('keeps a zero vector at zero so its cosine is 0, not NaN', () => {
    expect(Array.from(l2Normalize([0, 0]))).toEqual([0, 0]);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });

  it('rejects vectors of different lengths with a typed error', () => {
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(MetricsError);
  });
});

describe('normalizeRows', () => {
  it('normalises each row of a float32 matrix into float64', () => {
    const m = normalizeRows(embeddingMatrix(Float32Array.from([3, 4, 0, 0, 0, 2]), 2));
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(Array.from(m.data)).toEqual([0.6, 0.8, 0, 0, 0, 1]);
  });

  it('reports a diverged model (NaN or Infinity) as metrics-non-finite', () => {
    const bad = matrixFromRows([
      [1, 2],
      [NaN, 1],
    ]);
    expect(() => normalizeRows(bad, 'test embedding')).toThrow(/test embedding 1 contains NaN/);
    try {
      normalizeRows(matrixFromRows([[Infinity, 0]]));
    } catch (error) {
      expect((error as MetricsError).code).toBe('metrics-non-finite');
    }
    expect.assertions(2);
  });

  it('refuses a data length that is not rows × dim', () => {
    expect(() => embeddingMatrix(new Float32Array(5), 2)).toThrow(MetricsError);
    expect(() => matrixFromRows([[1, 2], [3]])).toThrow(MetricsError);
  });
});
