// Owns a DBSCAN-style density clustering, as Immich groups faces: a row with at least
// `minPoints` rows (itself included) within the similarity threshold is a core; cores linked by
// an edge share a cluster; a non-core row within reach of a core joins its most similar core's
// cluster; every other row stays alone. `graph` holds exactly the edges at or above the threshold.
import type { Adjacency } from './graph-edges';
import { UnionFind } from './union-find';

export function densityClusters(graph: Adjacency, minPoints: number): Int32Array {
  const count = graph.count;
  const core = new Uint8Array(count);
  for (let row = 0; row < count; row++) {
    const degree = (graph.offsets[row + 1] as number) - (graph.offsets[row] as number);
    if (degree + 1 >= minPoints) core[row] = 1;
  }
  const sets = new UnionFind(count);
  for (let row = 0; row < count; row++) {
    if (!core[row]) continue;
    const end = graph.offsets[row + 1] as number;
    for (let e = graph.offsets[row] as number; e < end; e++) {
      const other = graph.neighbours[e] as number;
      if (core[other]) sets.union(row, other);
    }
  }
  const cluster = sets.roots();
  for (let row = 0; row < count; row++) {
    if (core[row]) continue;
    let best = -1;
    let bestSimilarity = -Infinity;
    const end = graph.offsets[row + 1] as number;
    for (let e = graph.offsets[row] as number; e < end; e++) {
      const other = graph.neighbours[e] as number;
      if (core[other] && (graph.similarities[e] as number) > bestSimilarity) {
        best = other;
        bestSimilarity = graph.similarities[e] as number;
      }
    }
    if (best >= 0) cluster[row] = cluster[best] as number;
  }
  return cluster;
}
