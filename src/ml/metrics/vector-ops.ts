// Cosine geometry of embeddings: L2 normalisation and cosine similarity, in float64 so that
// pair scores from float32 embeddings are as close as possible to the float64 reference.
import type { EmbeddingMatrix } from './embedding-matrix';
import { MetricsError } from './metrics-error';

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k] as number) * (b[k] as number);
  return sum;
}

/**
 * A unit-length float64 copy of `v`. A zero vector stays zero (so its cosine with anything is 0)
 * instead of becoming NaN: one dead embedding should cost one wrong answer, not poison every
 * pair score it takes part in.
 */
export function l2Normalize(v: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(v as ArrayLike<number>);
  const norm = Math.sqrt(dot(out, out));
  if (norm > 0) for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) / norm;
  return out;
}

/** Cosine similarity; 0 when either vector is zero (see l2Normalize). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new MetricsError('metrics-invalid-input', `Vectors of ${a.length} and ${b.length} dims.`);
  }
  const na = Math.sqrt(dot(a, a));
  const nb = Math.sqrt(dot(b, b));
  return na > 0 && nb > 0 ? dot(a, b) / (na * nb) : 0;
}

/**
 * Every row scaled to unit length, as a new float64 matrix. A NaN or infinite value means the
 * model diverged; that is reported as a typed error rather than turned into meaningless scores.
 */
export function normalizeRows(m: EmbeddingMatrix, name = 'embedding'): EmbeddingMatrix {
  const { count, dim } = m;
  const out = new Float64Array(count * dim);
  for (let i = 0; i < count; i++) {
    const base = i * dim;
    let sq = 0;
    for (let k = 0; k < dim; k++) {
      const x = m.data[base + k] as number;
      if (!Number.isFinite(x)) {
        throw new MetricsError(
          'metrics-non-finite',
          `${name} ${i} contains NaN or Infinity: the model has diverged (try a lower learning rate).`,
        );
      }
      out[base + k] = x;
      sq += x * x;
    }
    const norm = Math.sqrt(sq);
    if (norm > 0) for (let k = 0; k < dim; k++) out[base + k] = (out[base + k] as number) / norm;
  }
  return { data: out, count, dim };
}
