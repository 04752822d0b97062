// Owns turning the directed nearest-neighbour graph into undirected edges (each pair once) and
// back into an undirected adjacency list, the two forms the clustering methods walk.
import type { SimilarityGraph } from './similarity-graph';

/** Undirected edges, each pair once with a < b, in order of a then of b's rank in a's list. */
export interface EdgeList {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly similarity: Float64Array;
}

/**
 * `either`: a pair is an edge when one of the two keeps the other among its nearest;
 * `mutual`: only when both do (a mutual-kNN graph, which drops the hubs' one-sided links).
 */
export type EdgeRule = 'either' | 'mutual';

function keeps(graph: SimilarityGraph, row: number, other: number): boolean {
  const end = graph.offsets[row + 1] as number;
  for (let e = graph.offsets[row] as number; e < end; e++) {
    if (graph.neighbours[e] === other) return true;
  }
  return false;
}

/** The graph's edges with similarity ≥ `minSimilarity`, each pair once. */
export function undirectedEdges(
  graph: SimilarityGraph,
  rule: EdgeRule,
  minSimilarity = -Infinity,
): EdgeList {
  const a: number[] = [];
  const b: number[] = [];
  const similarity: number[] = [];
  for (let i = 0; i < graph.count; i++) {
    const end = graph.offsets[i + 1] as number;
    for (let e = graph.offsets[i] as number; e < end; e++) {
      const j = graph.neighbours[e] as number;
      const sim = graph.similarities[e] as number;
      if (sim < minSimilarity) continue;
      const otherKeeps = keeps(graph, j, i);
      // A pair both rows keep is taken from the smaller row's list only.
      const take = rule === 'mutual' ? otherKeeps && i < j : i < j || !otherKeeps;
      if (!take) continue;
      a.push(Math.min(i, j));
      b.push(Math.max(i, j));
      similarity.push(sim);
    }
  }
  return {
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    similarity: Float64Array.from(similarity),
  };
}

/** Undirected adjacency in compressed rows: row i's neighbours are `neighbours[offsets[i]..offsets[i+1])`. */
export interface Adjacency {
  readonly count: number;
  readonly offsets: Int32Array; // [count + 1]
  readonly neighbours: Int32Array; // [2 · edges]
  readonly similarities: Float64Array; // [2 · edges]
}

export function adjacency(edges: EdgeList, count: number): Adjacency {
  const degree = new Int32Array(count);
  for (let e = 0; e < edges.a.length; e++) {
    for (const row of [edges.a[e] as number, edges.b[e] as number]) {
      degree[row] = (degree[row] as number) + 1;
    }
  }
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = (offsets[i] as number) + (degree[i] as number);
  const fill = offsets.slice(0, count);
  const neighbours = new Int32Array(offsets[count] as number);
  const similarities = new Float64Array(offsets[count] as number);
  for (let e = 0; e < edges.a.length; e++) {
    const i = edges.a[e] as number;
    const j = edges.b[e] as number;
    const sim = edges.similarity[e] as number;
    for (const [row, other] of [
      [i, j],
      [j, i],
    ] as const) {
      const slot = fill[row] as number;
      neighbours[slot] = other;
      similarities[slot] = sim;
      fill[row] = slot + 1;
    }
  }
  return { count, offsets, neighbours, similarities };
}
