// Owns the hot loop of the similarity graph: the dot products of a block of rows with a block of
// columns, written into a reused buffer. Two rows against four columns at a time keep eight sums
// in registers and read each value once per tile: about four times the speed of one dot product
// at a time in V8 (10,000 faces: ~5 s rather than ~20 s on this machine).

/**
 * out[(i − i0) · (j1 − j0) + (j − j0)] = x_i · x_j for i in [i0, i1), j in [j0, j1); `x` holds
 * rows of `dim` values.
 */
export function similarityBlock(
  x: Float64Array,
  dim: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  out: Float64Array,
): void {
  const width = j1 - j0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    const a0 = i * dim;
    const a1 = a0 + dim;
    const o0 = (i - i0) * width - j0;
    const o1 = o0 + width;
    let j = j0;
    for (; j + 3 < j1; j += 4) {
      const b0 = j * dim;
      const b1 = b0 + dim;
      const b2 = b1 + dim;
      const b3 = b2 + dim;
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      for (let d = 0; d < dim; d++) {
        const u = x[a0 + d] as number;
        const v = x[a1 + d] as number;
        const w0 = x[b0 + d] as number;
        const w1 = x[b1 + d] as number;
        const w2 = x[b2 + d] as number;
        const w3 = x[b3 + d] as number;
        p0 += u * w0;
        p1 += u * w1;
        p2 += u * w2;
        p3 += u * w3;
        q0 += v * w0;
        q1 += v * w1;
        q2 += v * w2;
        q3 += v * w3;
      }
      out[o0 + j] = p0;
      out[o0 + j + 1] = p1;
      out[o0 + j + 2] = p2;
      out[o0 + j + 3] = p3;
      out[o1 + j] = q0;
      out[o1 + j + 1] = q1;
      out[o1 + j + 2] = q2;
      out[o1 + j + 3] = q3;
    }
    for (; j < j1; j++) {
      out[o0 + j] = dot(x, a0, j * dim, dim);
      out[o1 + j] = dot(x, a1, j * dim, dim);
    }
  }
  if (i < i1) {
    const o = (i - i0) * width - j0;
    for (let j = j0; j < j1; j++) out[o + j] = dot(x, i * dim, j * dim, dim);
  }
}

function dot(x: Float64Array, a: number, b: number, dim: number): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) sum += (x[a + d] as number) * (x[b + d] as number);
  return sum;
}
