// Owns the optimisers' update rules over plain arrays, one pass per parameter: Adam (AdamW's
// decoupled decay) and SGD with momentum, as the fused optimizer-update kernel runs them. The
// tensor-op rules in optimizer.ts compute the same thing with a dozen kernels and passes.

export interface AdamStepOptions {
  learningRate: number;
  /** w is multiplied by this first: 1 − lr·λ with decoupled decay, else 1. */
  decayFactor: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Updates taken, this one included (from 1): Adam's bias correction. */
  iteration: number;
}

/**
 * m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; w ← w·decay − lr·m̂ / (√v̂ + ε), with m̂ and v̂ the
 * bias-corrected moments of the stored (float32) m and v, written to the `out` arrays (which may
 * be the inputs).
 */
export function adamUpdate(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  out: { w: Float32Array; m: Float32Array; v: Float32Array },
  options: AdamStepOptions,
): void {
  const { learningRate, decayFactor, beta1, beta2, epsilon, iteration } = options;
  const firstScale = 1 / (1 - beta1 ** iteration);
  const secondScale = 1 / (1 - beta2 ** iteration);
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const { w: outW, m: outM, v: outV } = out;
  checkLengths(w.length, [g, m, v, outW, outM, outV]);
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] as number;
    const first = Math.fround(beta1 * (m[i] as number) + keep1 * gi);
    const second = Math.fround(beta2 * (v[i] as number) + keep2 * gi * gi);
    outM[i] = first;
    outV[i] = second;
    const step = (first * firstScale) / (Math.sqrt(second * secondScale) + epsilon);
    outW[i] = (w[i] as number) * decayFactor - learningRate * step;
  }
}

export interface SgdStepOptions {
  learningRate: number;
  decayFactor: number;
  momentum: number;
}

/** PyTorch's SGD: velocity ← μ·velocity + g; w ← w·decay − lr·velocity. */
export function sgdUpdate(
  w: Float32Array,
  g: Float32Array,
  velocity: Float32Array,
  out: { w: Float32Array; velocity: Float32Array },
  options: SgdStepOptions,
): void {
  const { learningRate, decayFactor, momentum } = options;
  checkLengths(w.length, [g, velocity, out.w, out.velocity]);
  for (let i = 0; i < w.length; i++) {
    const next = Math.fround(momentum * (velocity[i] as number) + (g[i] as number));
    out.velocity[i] = next;
    out.w[i] = (w[i] as number) * decayFactor - learningRate * next;
  }
}

function checkLengths(length: number, arrays: readonly Float32Array[]): void {
  if (arrays.some((a) => a.length !== length)) {
    throw new Error(`optimizer update: arrays of different lengths (${length} expected)`);
  }
}
