// Owns neighbour smoothing of embeddings before clustering: each face is replaced by the
// normalised sum of itself and its few nearest neighbours that are already very similar (the
// database-side augmentation of image retrieval). One photo's pose, light or blur moves it away
// from its person; its closest look-alikes of the same person pull it back, so faces of one
// person draw together while the floor keeps faces of other people out of the sum. Measured on
// dev-lfw10to19 with the studio's framing: BCubed F1 0.93 → 0.97 at precision ≥ 0.98
// (measure-clustering test).
import { similarityGraph } from './similarity-graph';

export interface NeighbourSmoothing {
  /** How many nearest neighbours a face may add to itself. */
  neighbours: number;
  /** Only neighbours at least this similar are added. */
  floor: number;
}

/** [count, dim] unit rows → [count, dim] unit rows, each x_i + Σ (its kept neighbours), renormalised. */
export function smoothWithNeighbours(
  embeddings: ArrayLike<number>,
  dim: number,
  smoothing: NeighbourSmoothing,
): Float32Array {
  const graph = similarityGraph(embeddings, dim, smoothing);
  const out = new Float32Array(embeddings.length);
  const sum = new Float64Array(dim);
  for (let i = 0; i < graph.count; i++) {
    for (let d = 0; d < dim; d++) sum[d] = embeddings[i * dim + d] as number;
    const end = graph.offsets[i + 1] as number;
    for (let e = graph.offsets[i] as number; e < end; e++) {
      const j = graph.neighbours[e] as number;
      for (let d = 0; d < dim; d++)
        sum[d] = (sum[d] as number) + (embeddings[j * dim + d] as number);
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (sum[d] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let d = 0; d < dim; d++) out[i * dim + d] = norm > 0 ? (sum[d] as number) / norm : 0;
  }
  return out;
}
