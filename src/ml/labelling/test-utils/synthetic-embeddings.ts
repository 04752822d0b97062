// Owns synthetic face embeddings with known structure for the labelling tests: people as tight
// clusters of unit vectors around random centres, outliers, and a chain of points along a great
// circle whose neighbours are close but whose ends are unrelated.
import { seededRandom, shuffled, type RandomSource } from '../../../lib/seeded-random';

export interface SyntheticFaces {
  /** [count, dim] row-major, unit rows */
  embeddings: Float32Array;
  dim: number;
  labels: Int32Array;
}

function gaussian(random: RandomSource): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalise(v: Float64Array): Float64Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return v.map((x) => x / norm);
}

export function randomUnit(dim: number, random: RandomSource): Float64Array {
  return normalise(Float64Array.from({ length: dim }, () => gaussian(random)));
}

/**
 * One cluster per entry of `sizes` (a person with that many faces), rows in a shuffled order.
 * A face is its person's centre plus isotropic noise of `spread` per dimension, renormalised:
 * the cosine to the centre is about 1 / √(1 + spread² · dim), between two faces its square.
 */
export function syntheticPeople(
  sizes: readonly number[],
  options: { dim?: number; spread?: number; seed?: number } = {},
): SyntheticFaces {
  const { dim = 128, spread = 0.02, seed = 1 } = options;
  const random = seededRandom(seed);
  const rows: { label: number; vector: Float64Array }[] = [];
  sizes.forEach((size, label) => {
    const centre = randomUnit(dim, random);
    for (let i = 0; i < size; i++) {
      const noisy = centre.map((x) => x + spread * gaussian(random));
      rows.push({ label, vector: normalise(noisy) });
    }
  });
  const order = shuffled(rows, random);
  const embeddings = new Float32Array(order.length * dim);
  order.forEach((row, i) => embeddings.set(row.vector, i * dim));
  return { embeddings, dim, labels: Int32Array.from(order, (row) => row.label) };
}

/** `points` unit vectors along a great circle, `stepDegrees` apart: neighbours close, ends not. */
export function greatCircleChain(
  points: number,
  stepDegrees: number,
  options: { dim?: number; seed?: number } = {},
): Float32Array {
  const { dim = 128, seed = 2 } = options;
  const random = seededRandom(seed);
  const u = randomUnit(dim, random);
  // v: a random direction with its u component removed, so u ⟂ v spans the circle.
  const w = randomUnit(dim, random);
  let along = 0;
  for (let d = 0; d < dim; d++) along += (u[d] as number) * (w[d] as number);
  const v = normalise(w.map((x, d) => x - along * (u[d] as number)));
  const out = new Float32Array(points * dim);
  for (let p = 0; p < points; p++) {
    const angle = (p * stepDegrees * Math.PI) / 180;
    for (let d = 0; d < dim; d++) {
      out[p * dim + d] = Math.cos(angle) * (u[d] as number) + Math.sin(angle) * (v[d] as number);
    }
  }
  return out;
}

/** Rows of several matrices of the same dim, one after another. */
export function concatRows(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
