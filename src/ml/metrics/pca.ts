// PCA to two dimensions, for the Evaluate screen's map of embeddings: the top eigenvectors of the
// smaller of the covariance and Gram matrices, with a fixed sign, so the same embeddings always
// draw the same picture.
import type { EmbeddingMatrix } from './embedding-matrix';
import { MetricsError } from './metrics-error';
import { topEigen } from './top-eigenvectors';

export interface Pca2d {
  /** coordinates of each embedding on the first and second principal axes */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** [2, dim] row-major unit axes (a zero row when the data has no variance in that direction) */
  readonly components: Float64Array;
  /** share of the total variance along each axis; 0 when the points do not vary at all */
  readonly explainedVariance: [number, number];
}

export function pca2d(m: EmbeddingMatrix): Pca2d {
  const { count: n, dim } = m;
  if (m.data.length !== n * dim)
    throw new MetricsError('metrics-invalid-input', 'Embedding matrix of the wrong size.');
  const x = new Float64Array(n * dim);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n * dim; i++)
    mean[i % dim] = (mean[i % dim] as number) + (m.data[i] as number) / n;
  for (let i = 0; i < n * dim; i++) x[i] = (m.data[i] as number) - (mean[i % dim] as number);
  const components = new Float64Array(2 * dim);
  const empty = {
    x: new Float64Array(n),
    y: new Float64Array(n),
    components,
    explainedVariance: [0, 0] as [number, number],
  };
  if (n < 2) return empty;

  // Covariance Xᵀ·X when there are more points than dims, else the Gram X·Xᵀ: same non-zero
  // eigenvalues, and the axes follow from the Gram's eigenvectors as Xᵀ·u.
  const useGram = n < dim;
  const s = useGram ? n : dim;
  const g = new Float64Array(s * s);
  if (useGram) {
    for (let a = 0; a < n; a++) {
      for (let b = a; b < n; b++) {
        let d = 0;
        for (let k = 0; k < dim; k++) d += (x[a * dim + k] as number) * (x[b * dim + k] as number);
        g[a * s + b] = d;
      }
    }
  } else {
    // Summed as outer products of rows: contiguous reads, where column-by-column would stride.
    for (let i = 0; i < n; i++) {
      const row = i * dim;
      for (let a = 0; a < dim; a++) {
        const xa = x[row + a] as number;
        if (xa === 0) continue;
        for (let b = a; b < dim; b++)
          g[a * s + b] = (g[a * s + b] as number) + xa * (x[row + b] as number);
      }
    }
  }
  let trace = 0;
  for (let a = 0; a < s; a++) {
    for (let b = a + 1; b < s; b++) g[b * s + a] = g[a * s + b] as number;
    trace += g[a * s + a] as number;
  }
  if (!(trace > 0)) return empty;
  const top = topEigen(g, s, Math.min(2, s));

  const xs = [new Float64Array(n), new Float64Array(n)];
  const explained: [number, number] = [0, 0];
  for (let c = 0; c < top.values.length; c++) {
    const vector = top.vectors[c] as Float64Array;
    const axis = components.subarray(c * dim, (c + 1) * dim);
    for (let k = 0; k < dim; k++) {
      if (useGram) {
        let d = 0;
        for (let i = 0; i < n; i++) d += (x[i * dim + k] as number) * (vector[i] as number);
        axis[k] = d;
      } else axis[k] = vector[k] as number;
    }
    // An axis with (numerically) no variance along it is left at zero rather than made of noise.
    const value = top.values[c] as number;
    let norm = 0;
    let biggest = 0;
    for (let k = 0; k < dim; k++) {
      norm += (axis[k] as number) ** 2;
      if (Math.abs(axis[k] as number) > Math.abs(axis[biggest] as number)) biggest = k;
    }
    norm = Math.sqrt(norm);
    if (!(value > 1e-12 * trace) || !(norm > 0)) {
      axis.fill(0);
      continue;
    }
    // Eigenvectors have no sign of their own; the largest coordinate is made positive.
    const sign = (axis[biggest] as number) < 0 ? -1 : 1;
    for (let k = 0; k < dim; k++) axis[k] = ((axis[k] as number) * sign) / norm;
    const out = xs[c] as Float64Array;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let k = 0; k < dim; k++) d += (x[i * dim + k] as number) * (axis[k] as number);
      out[i] = d;
    }
    explained[c] = value / trace;
  }
  return {
    x: xs[0] as Float64Array,
    y: xs[1] as Float64Array,
    components,
    explainedVariance: explained,
  };
}
