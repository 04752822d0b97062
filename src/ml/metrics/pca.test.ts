import { describe, expect, it } from 'vitest';
import { matrixFromRows, type EmbeddingMatrix } from './embedding-matrix';
import { pca2d } from './pca';
import { symmetricEigen } from './symmetric-eigen';
import { clusteredSplits } from './test-utils/test-embeddings';

/** Brute force: the full covariance eigen-decomposition by Jacobi. */
function covarianceEigen(m: EmbeddingMatrix) {
  const { count: n, dim } = m;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n * dim; i++) mean[i % dim] = mean[i % dim]! + m.data[i]! / n;
  const c = new Float64Array(dim * dim);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dim; a++) {
      for (let b = 0; b < dim; b++) {
        c[a * dim + b] =
          c[a * dim + b]! + (m.data[i * dim + a]! - mean[a]!) * (m.data[i * dim + b]! - mean[b]!);
      }
    }
  }
  return {
    ...symmetricEigen(c, dim),
    trace: c.reduce((s, _, k) => (k % (dim + 1) === 0 ? s + c[k]! : s), 0),
  };
}

function expectSameAxis(got: Float64Array, want: Float64Array, dim: number, c: number): void {
  // brute-force eigenvectors have an arbitrary sign; compare up to sign, then check pca2d's rule
  let d = 0;
  for (let k = 0; k < dim; k++) d += got[k]! * want[k * dim + c]!;
  expect(Math.abs(d)).toBeCloseTo(1, 8);
  let biggest = 0;
  for (let k = 0; k < dim; k++) if (Math.abs(got[k]!) > Math.abs(got[biggest]!)) biggest = k;
  expect(got[biggest]).toBeGreaterThan(0);
}

describe('pca2d', () => {
  it('finds the axes of points spread along two known directions', () => {
    const rows: number[][] = [];
    for (const s of [-2, -1, 1, 2]) for (const t of [-0.5, 0.5]) rows.push([s + 10, s - 3, t + 1]);
    const p = pca2d(matrixFromRows(rows));
    expect(p.components[0]).toBeCloseTo(Math.SQRT1_2, 10);
    expect(p.components[1]).toBeCloseTo(Math.SQRT1_2, 10);
    expect(p.components[5]).toBeCloseTo(1, 10);
    expect(p.x[0]).toBeCloseTo(-2 * Math.SQRT2, 10);
    expect(p.y[0]).toBeCloseTo(-0.5, 10);
    // variances 2·2.5 = 5 and 0.25: shares 5/5.25 and 0.25/5.25
    expect(p.explainedVariance[0]).toBeCloseTo(5 / 5.25, 10);
    expect(p.explainedVariance[1]).toBeCloseTo(0.25 / 5.25, 10);
  });

  it('matches a full eigen-decomposition, through the covariance (n > dim) and Gram (n < dim) paths', () => {
    for (const [dim, perClass] of [
      [6, 10],
      [24, 2],
    ] as const) {
      const [set] = clusteredSplits({
        classes: 4,
        dim,
        perClass: [perClass],
        noise: 0.6,
        seed: dim,
      });
      const m = set!.embeddings;
      const p = pca2d(m);
      const brute = covarianceEigen(m);
      expectSameAxis(p.components.subarray(0, dim), brute.vectors, dim, 0);
      expectSameAxis(p.components.subarray(dim), brute.vectors, dim, 1);
      expect(p.explainedVariance[0]).toBeCloseTo(brute.values[0]! / brute.trace, 10);
      expect(p.explainedVariance[1]).toBeCloseTo(brute.values[1]! / brute.trace, 10);
    }
  });

  it('is deterministic and sign-stable: negated data gives the same axes and negated points', () => {
    const [set] = clusteredSplits({ classes: 5, dim: 16, perClass: [8], noise: 0.4, seed: 4 });
    const m = set!.embeddings;
    const negated = { ...m, data: m.data.map((v) => -v) };
    const a = pca2d(m);
    expect(pca2d(m)).toEqual(a);
    const b = pca2d(negated);
    for (let k = 0; k < 32; k++) expect(b.components[k]).toBeCloseTo(a.components[k]!, 9);
    for (let i = 0; i < m.count; i++) {
      expect(b.x[i]).toBeCloseTo(-a.x[i]!, 9);
      expect(b.y[i]).toBeCloseTo(-a.y[i]!, 9);
    }
  });

  it('returns zeros, not NaN, for no points, one point, identical points and a line', () => {
    expect(pca2d(matrixFromRows([], 3)).x.length).toBe(0);
    const one = pca2d(matrixFromRows([[1, 2, 3]]));
    expect(Array.from(one.x)).toEqual([0]);
    const same = pca2d(
      matrixFromRows([
        [1, 2],
        [1, 2],
        [1, 2],
      ]),
    );
    expect(Array.from(same.y)).toEqual([0, 0, 0]);
    expect(same.explainedVariance).toEqual([0, 0]);
    const line = pca2d(
      matrixFromRows([
        [0, 0, 0],
        [1, 2, 2],
        [2, 4, 4],
      ]),
    );
    expect(line.x[2]).toBeCloseTo(3, 10);
    expect(line.explainedVariance[0]).toBeCloseTo(1, 12);
    expect(line.explainedVariance[1]).toBe(0);
    expect(Array.from(line.y)).toEqual([0, 0, 0]);
  });
});
