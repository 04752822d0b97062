// Owns seed derivation for the learning code: per-step augmentation seeds and per-layer
// initialiser seeds from `config.seed` (the generator itself is lib/seeded-random's mulberry32).

/**
 * Mixes a base seed with integers (e.g. a step number) into a new 32-bit seed. Deriving the
 * augmentation seed from (seed, step) rather than carrying a stream makes a resumed run draw the
 * same augmentations as an uninterrupted one without storing the generator's state.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

/** A counter of seeds for successive layer initialisers, so two builds from one seed are equal. */
export function createSeedSequence(seed: number): () => number {
  let index = 0;
  return () => deriveSeed(seed, index++);
}
