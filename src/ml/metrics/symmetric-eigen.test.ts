import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen';

describe('symmetricEigen', () => {
  it('finds the eigenpairs of a 3×3 matrix with known spectrum', () => {
    // [[2,1,0],[1,2,0],[0,0,5]]: eigenvalues 5, 3, 1
    const a = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]);
    const { values, vectors } = symmetricEigen(a, 3);
    expect(Array.from(values).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([5, 3, 1]);
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 3; i++) {
        let av = 0;
        for (let k = 0; k < 3; k++) av += a[i * 3 + k]! * vectors[k * 3 + c]!;
        expect(av).toBeCloseTo(values[c]! * vectors[i * 3 + c]!, 12);
      }
    }
    expect(Math.abs(vectors[2 * 3 + 0]!)).toBeCloseTo(1, 12); // (0, 0, 1) for 5
    expect(Math.abs(vectors[0 * 3 + 1]!)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('returns orthonormal vectors for a random symmetric matrix and leaves the input alone', () => {
    const n = 5;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = Math.sin(i * 7 + j * 3);
    const copy = Float64Array.from(a);
    const { values, vectors } = symmetricEigen(a, n);
    expect(a).toEqual(copy);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i]!;
    expect(values.reduce((x, y) => x + y)).toBeCloseTo(trace, 12);
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        let d = 0;
        for (let k = 0; k < n; k++) d += vectors[k * n + p]! * vectors[k * n + q]!;
        expect(d).toBeCloseTo(p === q ? 1 : 0, 12);
      }
    }
  });
});
