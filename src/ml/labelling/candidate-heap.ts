// Owns the priority queue of candidate merges for agglomerative clustering: a binary max-heap of
// (linkage, a, b) with the two clusters' version stamps, so that entries made stale by a later
// merge are recognised and skipped when popped instead of searched for and removed.

export interface Candidate {
  linkage: number;
  a: number;
  b: number;
  stampA: number;
  stampB: number;
}

/** Higher linkage first; equal linkages in order of (a, b), so that every run merges alike. */
function before(x: Candidate, y: Candidate): boolean {
  if (x.linkage !== y.linkage) return x.linkage > y.linkage;
  return x.a !== y.a ? x.a < y.a : x.b < y.b;
}

export class CandidateHeap {
  private readonly items: Candidate[] = [];

  get size(): number {
    return this.items.length;
  }

  push(candidate: Candidate): void {
    const items = this.items;
    let at = items.length;
    items.push(candidate);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = items[parent] as Candidate;
      if (!before(candidate, above)) break;
      items[at] = above;
      at = parent;
    }
    items[at] = candidate;
  }

  pop(): Candidate | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && before(items[right] as Candidate, items[left] as Candidate)
          ? right
          : left;
      if (!before(items[child] as Candidate, last)) break;
      items[at] = items[child] as Candidate;
      at = child;
    }
    items[at] = last;
    return top;
  }
}
