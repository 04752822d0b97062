// Collects a stream of byte chunks into one Blob without holding the bytes twice: chunks are
// folded into Blob parts of a few megabytes as they come (the browser may keep Blob data out of
// the JavaScript heap, even on disk), and the final Blob is made of those parts.

const PART_BYTES = 4 * 2 ** 20;

export class BlobParts {
  private readonly parts: Blob[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private total = 0;

  get size(): number {
    return this.total;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.total += chunk.length;
    if (this.pendingBytes >= PART_BYTES) this.fold();
  }

  toBlob(type: string): Blob {
    this.fold();
    return new Blob(this.parts, { type });
  }

  private fold(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending as Uint8Array<ArrayBuffer>[]));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
