// Owns a disjoint-set forest (union by size, path halving) over rows 0..n-1: the connected
// components behind single linkage, mutual-kNN components and the density method's clusters.

export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(count: number) {
    this.parent = Int32Array.from({ length: count }, (_, i) => i);
    this.size = new Int32Array(count).fill(1);
  }

  find(row: number): number {
    let at = row;
    while (this.parent[at] !== at) {
      const grand = this.parent[this.parent[at] as number] as number;
      this.parent[at] = grand;
      at = grand;
    }
    return at;
  }

  union(x: number, y: number): void {
    let rx = this.find(x);
    let ry = this.find(y);
    if (rx === ry) return;
    if ((this.size[rx] as number) < (this.size[ry] as number)) [rx, ry] = [ry, rx];
    this.parent[ry] = rx;
    this.size[rx] = (this.size[rx] as number) + (this.size[ry] as number);
  }

  /** The root of every row: equal roots, one component. */
  roots(): Int32Array {
    return Int32Array.from({ length: this.parent.length }, (_, i) => this.find(i));
  }
}
