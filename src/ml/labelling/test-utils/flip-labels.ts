// Owns label noise for the suspect tests: a seeded share of images moved to a wrong person, as
// the eval harness's `--noise` does through the app.
import { seededRandom, shuffled } from '../../../lib/seeded-random';

export interface FlippedLabels {
  labels: Int32Array;
  flipped: boolean[];
}

/** round(share × n) images, picked with `seed`, each given another person chosen at random. */
export function flipLabels(labels: ArrayLike<number>, share: number, seed = 42): FlippedLabels {
  const random = seededRandom(seed);
  const out = Int32Array.from(labels);
  const persons = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  const flipped = new Array<boolean>(out.length).fill(false);
  const rows = Array.from({ length: out.length }, (_, i) => i);
  for (const row of shuffled(rows, random).slice(0, Math.round(share * out.length))) {
    const others = persons.filter((p) => p !== out[row]);
    out[row] = others[Math.floor(random() * others.length)] as number;
    flipped[row] = true;
  }
  return { labels: out, flipped };
}
