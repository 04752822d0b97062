// Owns agglomerative clustering on the sparse similarity graph with a stop threshold: the two
// most similar clusters merge until no pair reaches the threshold.
//
// Average linkage is computed exactly, not from the graph's edges: for unit rows, the mean cosine
// over all pairs of clusters A and B is (ΣA · ΣB) / (|A| |B|), so each cluster keeps the sum of
// its rows (n × dim numbers) and no pair similarity is ever guessed. The graph only says which
// clusters are candidates: a pair whose mean reaches the threshold has at least one member pair
// that does, which the graph holds when its floor is at or below the threshold (up to its k cap).
// Complete linkage (the least similar pair) needs every cross pair; a pair missing from the
// graph counts as below the threshold, so clusters merge only on full evidence.
import { CandidateHeap } from './candidate-heap';
import type { EdgeList } from './graph-edges';

export type Linkage = 'average' | 'complete';

/** What a cluster knows of a neighbouring cluster: how many cross pairs the graph holds, the least. */
interface PairEvidence {
  pairs: number;
  least: number;
}

class Clusters {
  readonly size: Int32Array;
  readonly stamp: Int32Array;
  readonly alive: Uint8Array;
  readonly links: Map<number, PairEvidence>[];
  /** Σ of each cluster's rows, [count, dim], float64 so sums of thousands stay exact enough. */
  readonly sums: Float64Array;

  constructor(
    embeddings: ArrayLike<number>,
    readonly dim: number,
    count: number,
    readonly linkage: Linkage,
  ) {
    this.size = new Int32Array(count).fill(1);
    this.stamp = new Int32Array(count);
    this.alive = new Uint8Array(count).fill(1);
    this.links = Array.from({ length: count }, () => new Map<number, PairEvidence>());
    this.sums = linkage === 'average' ? Float64Array.from(embeddings) : new Float64Array(0);
  }

  /** The linkage of clusters a and b, or -Infinity when it cannot reach any threshold. */
  value(a: number, b: number, evidence: PairEvidence): number {
    const pairs = (this.size[a] as number) * (this.size[b] as number);
    if (this.linkage === 'complete') return evidence.pairs === pairs ? evidence.least : -Infinity;
    const dim = this.dim;
    let dot = 0;
    for (let d = 0; d < dim; d++) {
      dot += (this.sums[a * dim + d] as number) * (this.sums[b * dim + d] as number);
    }
    return dot / pairs;
  }

  /** Merges `gone` into `kept`: every linkage that changes is one of `kept`'s. */
  merge(kept: number, gone: number): void {
    const keptLinks = this.links[kept] as Map<number, PairEvidence>;
    const goneLinks = this.links[gone] as Map<number, PairEvidence>;
    keptLinks.delete(gone);
    goneLinks.delete(kept);
    for (const [other, evidence] of goneLinks) {
      const otherLinks = this.links[other] as Map<number, PairEvidence>;
      otherLinks.delete(gone);
      const known = keptLinks.get(other);
      const combined = known
        ? { pairs: known.pairs + evidence.pairs, least: Math.min(known.least, evidence.least) }
        : { pairs: evidence.pairs, least: evidence.least };
      keptLinks.set(other, combined);
      otherLinks.set(kept, combined);
    }
    goneLinks.clear();
    if (this.linkage === 'average') {
      const dim = this.dim;
      for (let d = 0; d < dim; d++) {
        this.sums[kept * dim + d] =
          (this.sums[kept * dim + d] as number) + (this.sums[gone * dim + d] as number);
      }
    }
    this.size[kept] = (this.size[kept] as number) + (this.size[gone] as number);
    this.stamp[kept] = (this.stamp[kept] as number) + 1;
    this.alive[gone] = 0;
  }
}

/**
 * One cluster id per row: rows merged while the best linkage between two clusters is at or above
 * `threshold`. `edges` are the graph's undirected pairs (see graph-edges.ts).
 */
export function agglomerate(
  embeddings: ArrayLike<number>,
  dim: number,
  edges: EdgeList,
  linkage: Linkage,
  threshold: number,
): Int32Array {
  const count = embeddings.length / dim;
  const clusters = new Clusters(embeddings, dim, count, linkage);
  const heap = new CandidateHeap();
  const offer = (a: number, b: number, evidence: PairEvidence): void => {
    const value = clusters.value(a, b, evidence);
    if (value < threshold) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    heap.push({
      linkage: value,
      a: x,
      b: y,
      stampA: clusters.stamp[x] as number,
      stampB: clusters.stamp[y] as number,
    });
  };
  for (let e = 0; e < edges.a.length; e++) {
    const a = edges.a[e] as number;
    const b = edges.b[e] as number;
    const evidence = { pairs: 1, least: edges.similarity[e] as number };
    (clusters.links[a] as Map<number, PairEvidence>).set(b, evidence);
    (clusters.links[b] as Map<number, PairEvidence>).set(a, evidence);
  }
  for (let e = 0; e < edges.a.length; e++) {
    const a = edges.a[e] as number;
    const b = edges.b[e] as number;
    offer(a, b, (clusters.links[a] as Map<number, PairEvidence>).get(b) as PairEvidence);
  }
  const owner = Int32Array.from({ length: count }, (_, i) => i);
  for (let next = heap.pop(); next; next = heap.pop()) {
    const { a, b } = next;
    const current = clusters.alive[a] && clusters.alive[b] && clusters.stamp[a] === next.stampA;
    if (!current || clusters.stamp[b] !== next.stampB) continue;
    // The cluster with more neighbours absorbs the other: fewer map entries move.
    const [kept, gone] =
      (clusters.links[a] as Map<number, PairEvidence>).size >=
      (clusters.links[b] as Map<number, PairEvidence>).size
        ? [a, b]
        : [b, a];
    clusters.merge(kept, gone);
    owner[gone] = kept;
    for (const [other, evidence] of clusters.links[kept] as Map<number, PairEvidence>) {
      offer(kept, other, evidence);
    }
  }
  // Follow each row's chain of absorptions to the cluster that finally holds it, shortening
  // every chain walked so that no chain is walked twice.
  for (let row = 0; row < count; row++) {
    let root = row;
    while (owner[root] !== root) root = owner[root] as number;
    for (let at = row; owner[at] !== root && at !== root;) {
      const next = owner[at] as number;
      owner[at] = root;
      at = next;
    }
  }
  return owner;
}
