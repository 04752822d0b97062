// Verification pairs: every unordered pair (i < j) within one set, scored by cosine, in the order
// of numpy's triu_indices so that pair k means the same pair here and in the reference.
import { checkLabelled, type LabelledEmbeddings } from './embedding-matrix';
import { normalizeRows } from './vector-ops';

export interface PairScores {
  /** cosine similarity of pair k */
  readonly scores: Float64Array;
  /** 1 when both images of pair k show the same person */
  readonly same: Uint8Array;
  /** pair k is (first[k], second[k]), first < second, indices into the set */
  readonly first: Uint32Array;
  readonly second: Uint32Array;
}

export function pairCount(n: number): number {
  return n < 2 ? 0 : (n * (n - 1)) / 2;
}

/**
 * n(n-1)/2 dot products of unit rows: about 0.25 G multiply-adds for 1000 × 512, a fraction of a
 * second, so the plain loop is kept (unrolled by four, which V8 turns into fewer bounds checks).
 */
export function allPairs(set: LabelledEmbeddings, name = 'pair set'): PairScores {
  checkLabelled(set, name);
  const { data, count: n, dim } = normalizeRows(set.embeddings, `${name} embedding`);
  const total = pairCount(n);
  const scores = new Float64Array(total);
  const same = new Uint8Array(total);
  const first = new Uint32Array(total);
  const second = new Uint32Array(total);
  const tail = dim - (dim % 4);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const a = i * dim;
    const li = set.labels[i] as number;
    for (let j = i + 1; j < n; j++) {
      const b = j * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d < tail; d += 4) {
        s0 += (data[a + d] as number) * (data[b + d] as number);
        s1 += (data[a + d + 1] as number) * (data[b + d + 1] as number);
        s2 += (data[a + d + 2] as number) * (data[b + d + 2] as number);
        s3 += (data[a + d + 3] as number) * (data[b + d + 3] as number);
      }
      for (; d < dim; d++) s0 += (data[a + d] as number) * (data[b + d] as number);
      scores[k] = s0 + s1 + (s2 + s3);
      same[k] = li === set.labels[j] ? 1 : 0;
      first[k] = i;
      second[k] = j;
      k++;
    }
  }
  return { scores, same, first, second };
}
