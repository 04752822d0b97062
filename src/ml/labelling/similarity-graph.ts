// Owns the sparse similarity graph every clustering method here starts from: each row's k most
// similar other rows at or above a floor similarity, found by computing dot products one block of
// rows against one block of columns at a time, so that no n × n matrix ever exists (10,000 faces
// would need 400 MB for one in float32). Rows are unit vectors: a dot product is a cosine.
import { MlError } from '../ml-error';
import { similarityBlock } from './similarity-block';

export interface SimilarityGraphOptions {
  /** How many neighbours each row keeps at most (its k nearest). */
  neighbours: number;
  /** Similarities below this are never kept. */
  floor: number;
  /** Rows (and columns) per block: a block holds blockSize² similarities at a time. */
  blockSize?: number;
}

/**
 * Each row's nearest neighbours, most similar first, in compressed rows: the neighbours of row i
 * are `neighbours[offsets[i] .. offsets[i + 1])`, with `similarities` alongside. Directed: j may be
 * among i's nearest without i being among j's (see `undirectedEdges`).
 */
export interface SimilarityGraph {
  readonly count: number;
  readonly offsets: Int32Array; // [count + 1]
  readonly neighbours: Int32Array; // [edges]
  readonly similarities: Float64Array; // [edges]
}

/** 256 × 256 float64 similarities = 512 kB: fits in cache, big enough to amortise the loops. */
const DEFAULT_BLOCK = 256;

export function checkEmbeddings(embeddings: ArrayLike<number>, dim: number): number {
  if (!Number.isInteger(dim) || dim <= 0 || embeddings.length % dim !== 0) {
    throw new MlError(
      'invalid-argument',
      `${embeddings.length} values cannot be rows of ${dim} dimensions.`,
    );
  }
  return embeddings.length / dim;
}

/**
 * A fixed-size min-heap of (similarity, index) per row, all rows in two flat arrays: the root of
 * a full heap is the weakest neighbour kept, which a better candidate replaces.
 */
class NeighbourHeaps {
  readonly sims: Float64Array;
  readonly ids: Int32Array;
  readonly sizes: Int32Array;

  constructor(
    count: number,
    readonly k: number,
  ) {
    this.sims = new Float64Array(count * k);
    this.ids = new Int32Array(count * k);
    this.sizes = new Int32Array(count);
  }

  offer(row: number, id: number, sim: number): void {
    const k = this.k;
    const base = row * k;
    const size = this.sizes[row] as number;
    if (size < k) {
      let at = size;
      this.sizes[row] = size + 1;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (this.weaker(base + parent, sim, id)) break;
        this.set(base + at, base + parent);
        at = parent;
      }
      this.sims[base + at] = sim;
      this.ids[base + at] = id;
      return;
    }
    if (this.weaker(base, sim, id)) this.replaceRoot(base, sim, id);
  }

  /** Is the entry at `slot` weaker than (sim, id)? Lower similarity, or equal and a later index. */
  private weaker(slot: number, sim: number, id: number): boolean {
    const s = this.sims[slot] as number;
    return s < sim || (s === sim && (this.ids[slot] as number) > id);
  }

  private set(to: number, from: number): void {
    this.sims[to] = this.sims[from] as number;
    this.ids[to] = this.ids[from] as number;
  }

  /** Sifts (sim, id) down from the root, past every child weaker than it. */
  private replaceRoot(base: number, sim: number, id: number): void {
    const k = this.k;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= k) break;
      const right = left + 1;
      const child =
        right < k &&
        this.weaker(base + right, this.sims[base + left] as number, this.ids[base + left] as number)
          ? right
          : left;
      if (!this.weaker(base + child, sim, id)) break;
      this.set(base + at, base + child);
      at = child;
    }
    this.sims[base + at] = sim;
    this.ids[base + at] = id;
  }
}

/** Offers every pair of rows [i0, i1) × [j0, j1) with i < j at or above the floor to both heaps. */
function offerBlock(
  block: Float64Array,
  heaps: NeighbourHeaps,
  floor: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
): void {
  const width = j1 - j0;
  for (let i = i0; i < i1; i++) {
    const row = (i - i0) * width - j0;
    // Within a diagonal block only j > i: each pair once, never a row with itself.
    for (let j = Math.max(j0, i + 1); j < j1; j++) {
      const sim = block[row + j] as number;
      if (sim >= floor) {
        heaps.offer(i, j, sim);
        heaps.offer(j, i, sim);
      }
    }
  }
}

/** The k nearest neighbours of every row at or above `floor`, found block by block. */
export function similarityGraph(
  embeddings: ArrayLike<number>,
  dim: number,
  options: SimilarityGraphOptions,
): SimilarityGraph {
  const count = checkEmbeddings(embeddings, dim);
  const k = Math.max(0, Math.min(Math.floor(options.neighbours), count - 1));
  const block = options.blockSize ?? DEFAULT_BLOCK;
  // One float64 copy (n × dim, 10 MB at 10,000 faces): typed float64 reads are the fastest loop.
  const x = Float64Array.from(embeddings);
  const heaps = new NeighbourHeaps(count, Math.max(k, 1));
  if (k > 0) {
    const buffer = new Float64Array(block * block);
    for (let i0 = 0; i0 < count; i0 += block) {
      const i1 = Math.min(count, i0 + block);
      for (let j0 = i0; j0 < count; j0 += block) {
        const j1 = Math.min(count, j0 + block);
        similarityBlock(x, dim, i0, i1, j0, j1, buffer);
        offerBlock(buffer, heaps, options.floor, i0, i1, j0, j1);
      }
    }
  }
  return fromHeaps(heaps, count);
}

function fromHeaps(heaps: NeighbourHeaps, count: number): SimilarityGraph {
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++)
    offsets[i + 1] = (offsets[i] as number) + (heaps.sizes[i] as number);
  const edges = offsets[count] as number;
  const neighbours = new Int32Array(edges);
  const similarities = new Float64Array(edges);
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    const size = heaps.sizes[i] as number;
    const base = i * heaps.k;
    order.length = 0;
    for (let s = 0; s < size; s++) order.push(base + s);
    order.sort(
      (p, q) =>
        (heaps.sims[q] as number) - (heaps.sims[p] as number) ||
        (heaps.ids[p] as number) - (heaps.ids[q] as number),
    );
    const start = offsets[i] as number;
    order.forEach((slot, s) => {
      neighbours[start + s] = heaps.ids[slot] as number;
      similarities[start + s] = heaps.sims[slot] as number;
    });
  }
  return { count, offsets, neighbours, similarities };
}
