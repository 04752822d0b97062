// Owns Chinese whispers (Biemann 2006; dlib's face clustering): every row starts as its own
// label, then, in a seeded random order each round, takes the label that carries the most edge
// similarity among its neighbours (keeping its own on a tie), until a round changes nothing.
import { seededRandom, shuffled } from '../../lib/seeded-random';
import type { Adjacency } from './graph-edges';

export interface ChineseWhispersOptions {
  /** Rounds at most; dlib uses 100. */
  rounds?: number;
  seed?: number;
}

export function chineseWhispers(
  graph: Adjacency,
  options: ChineseWhispersOptions = {},
): Int32Array {
  const { rounds = 100, seed = 42 } = options;
  const count = graph.count;
  const label = Int32Array.from({ length: count }, (_, i) => i);
  const random = seededRandom(seed);
  const rows = Array.from({ length: count }, (_, i) => i);
  const weight = new Map<number, number>();
  for (let round = 0; round < rounds; round++) {
    let changed = 0;
    for (const row of shuffled(rows, random)) {
      const end = graph.offsets[row + 1] as number;
      const start = graph.offsets[row] as number;
      if (start === end) continue;
      weight.clear();
      const own = label[row] as number;
      for (let e = start; e < end; e++) {
        const other = label[graph.neighbours[e] as number] as number;
        weight.set(other, (weight.get(other) ?? 0) + (graph.similarities[e] as number));
      }
      // The heaviest label wins; on a tie the row keeps its own, else takes the smallest.
      let best = own;
      let bestWeight = weight.get(own) ?? 0;
      for (const [candidate, w] of weight) {
        if (w > bestWeight || (w === bestWeight && best !== own && candidate < best)) {
          best = candidate;
          bestWeight = w;
        }
      }
      if (best !== own) {
        label[row] = best;
        changed++;
      }
    }
    if (changed === 0) break;
  }
  return label;
}
