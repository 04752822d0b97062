// The few largest eigenpairs of a big symmetric matrix (a covariance or Gram matrix of up to
// ~1000 × 1000) by subspace iteration with Rayleigh-Ritz: O(s²) per step where a full
// decomposition would be O(s³), and a fixed start so the answer never changes between runs.
import { seededRandom } from '../../lib/seeded-random';
import { symmetricEigen } from './symmetric-eigen';

export interface TopEigen {
  /** descending, `count` of them */
  readonly values: Float64Array;
  /** one unit vector of length s per value */
  readonly vectors: Float64Array[];
}

/** Spare vectors beyond the wanted ones: the wanted ones then converge at λ(k+spare+1)/λ(k). */
const SPARE = 2;
const MAX_ITERATIONS = 300;
const RESIDUAL_TOLERANCE = 1e-10;
const VALUE_TOLERANCE = 1e-12;

function dotColumns(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += (a[i] as number) * (b[i] as number);
  return d;
}

/**
 * Modified Gram-Schmidt in place. A vector that vanishes (the matrix has rank below the block) is
 * replaced by the first unit vector still independent of the others, so the block stays
 * orthonormal and the spare directions simply get eigenvalue 0.
 */
function orthonormalize(q: Float64Array[]): void {
  const s = q[0]?.length ?? 0;
  q.forEach((v, c) => {
    for (let attempt = -1; attempt < s; attempt++) {
      if (attempt >= 0) v.fill(0).fill(1, attempt, attempt + 1);
      const before = Math.sqrt(dotColumns(v, v));
      for (let prev = 0; prev < c; prev++) {
        const u = q[prev] as Float64Array;
        const d = dotColumns(v, u);
        for (let i = 0; i < s; i++) v[i] = (v[i] as number) - d * (u[i] as number);
      }
      const norm = Math.sqrt(dotColumns(v, v));
      if (norm > 1e-8 * before) {
        for (let i = 0; i < s; i++) v[i] = (v[i] as number) / norm;
        return;
      }
    }
  });
}

/** M·q for every q of the block, as tight dot products over M's contiguous rows. */
function multiply(m: Float64Array, q: Float64Array[]): Float64Array<ArrayBuffer>[] {
  const s = q[0]?.length ?? 0;
  return q.map((v) => {
    const out = new Float64Array(s);
    for (let i = 0; i < s; i++) {
      const row = i * s;
      let d = 0;
      for (let k = 0; k < s; k++) d += (m[row + k] as number) * (v[k] as number);
      out[i] = d;
    }
    return out;
  });
}

/** Linear combinations `x · w` of the block, w being [p, p] row-major with vectors as columns. */
function combine(x: Float64Array[], w: Float64Array): Float64Array<ArrayBuffer>[] {
  const p = x.length;
  return x.map((_, c) => {
    const out = new Float64Array(x[0]?.length ?? 0);
    for (let a = 0; a < p; a++) {
      const weight = w[a * p + c] as number;
      const src = x[a] as Float64Array;
      for (let i = 0; i < out.length; i++)
        out[i] = (out[i] as number) + weight * (src[i] as number);
    }
    return out;
  });
}

/** The `count` largest eigenpairs of symmetric [s, s] `m` (row-major); `count` <= s. */
export function topEigen(m: Float64Array, s: number, count: number): TopEigen {
  const p = Math.min(count + SPARE, s);
  const random = seededRandom(2024);
  let q = Array.from({ length: p }, () => Float64Array.from({ length: s }, () => random() - 0.5));
  orthonormalize(q);
  let values = new Float64Array(p);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const z = multiply(m, q);
    // Rayleigh-Ritz: the best eigenvector estimates inside span(q), ordered by eigenvalue.
    const h = new Float64Array(p * p);
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        const d =
          0.5 *
          (dotColumns(q[a] as Float64Array, z[b] as Float64Array) +
            dotColumns(q[b] as Float64Array, z[a] as Float64Array));
        h[a * p + b] = d;
        h[b * p + a] = d;
      }
    }
    const ritz = symmetricEigen(h, p);
    const previous = values;
    values = Float64Array.from(ritz.values);
    q = combine(q, ritz.vectors);
    const mq = combine(z, ritz.vectors);
    const scale = Math.max(Math.abs(values[0] as number), 1e-300);
    let residual = 0;
    let change = 0;
    for (let c = 0; c < count; c++) {
      const v = q[c] as Float64Array;
      const mv = mq[c] as Float64Array;
      let r = 0;
      for (let i = 0; i < s; i++)
        r += ((mv[i] as number) - (values[c] as number) * (v[i] as number)) ** 2;
      residual = Math.max(residual, Math.sqrt(r));
      change = Math.max(change, Math.abs((values[c] as number) - (previous[c] as number)));
    }
    // Converged vectors, or (for nearly equal eigenvalues, where the vectors turn slowly but any
    // mix of them is as good an answer) eigenvalues that no longer move.
    if (
      residual <= RESIDUAL_TOLERANCE * scale ||
      (iteration > 0 && change <= VALUE_TOLERANCE * scale)
    )
      break;
    q = mq;
    orthonormalize(q);
  }
  return { values: values.subarray(0, count), vectors: q.slice(0, count) };
}
