// Random access to the bytes of a zip, whatever it arrived as. A Blob (a picked or dropped File)
// is read slice by slice, so only the directory and one entry at a time are in memory; bytes
// already in memory are viewed, never copied; a stream is kept as its chunks, never joined.

import { AppError } from '../lib/errors';
import { formatBytes } from './zip-limits';

export interface ZipSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset`; may be a view into memory the source holds. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** What `File` and `Blob` offer; structural so that tests and workers need no DOM. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export type ZipInput =
  Uint8Array | ArrayBuffer | BlobLike | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

function outOfRange(offset: number, length: number, size: number): AppError {
  return new AppError(
    'truncated-zip',
    `The zip ends early: it is ${formatBytes(size)} but its directory points to byte ${offset + length}. It was probably cut short while downloading or copying.`,
  );
}

function checkRange(offset: number, length: number, size: number): void {
  if (offset < 0 || length < 0 || offset + length > size) throw outOfRange(offset, length, size);
}

export function bytesSource(bytes: Uint8Array): ZipSource {
  return {
    size: bytes.length,
    read(offset, length) {
      checkRange(offset, length, bytes.length);
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
  };
}

export function blobSource(blob: BlobLike): ZipSource {
  return {
    size: blob.size,
    async read(offset, length) {
      checkRange(offset, length, blob.size);
      const bytes = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
      // A File that changed on disk after it was picked reads short.
      if (bytes.length !== length) throw outOfRange(offset, length, bytes.length + offset);
      return bytes;
    },
  };
}

/** Chunks in order; a read inside one chunk is a view, a read across chunks a copy. */
export function chunksSource(chunks: readonly Uint8Array[]): ZipSource {
  const starts: number[] = [];
  let size = 0;
  for (const chunk of chunks) {
    starts.push(size);
    size += chunk.length;
  }
  const chunkAt = (offset: number): number => {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    size,
    read(offset, length) {
      checkRange(offset, length, size);
      let index = chunkAt(offset);
      const first = chunks[index];
      const within = offset - (starts[index] ?? 0);
      if (first && within + length <= first.length) {
        return Promise.resolve(first.subarray(within, within + length));
      }
      const out = new Uint8Array(length);
      let written = 0;
      while (written < length) {
        const chunk = chunks[index] ?? new Uint8Array(0);
        const from = written === 0 ? within : 0;
        const part = chunk.subarray(from, from + length - written);
        out.set(part, written);
        written += part.length;
        index++;
      }
      return Promise.resolve(out);
    },
  };
}

async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (too large): tell the producer to stop too.
    if (!finished) await reader.cancel();
    reader.releaseLock();
  }
}

function isReadableStream(input: object): input is ReadableStream<Uint8Array> {
  return typeof (input as { getReader?: unknown }).getReader === 'function';
}

function isAsyncIterable(input: object): input is AsyncIterable<Uint8Array> {
  return (
    typeof (input as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/**
 * Random access over any supported input. A stream has to be held whole (a zip's directory is
 * at its end), so it is refused once it passes `maxBytes`; prefer passing the File itself.
 */
export async function toZipSource(input: ZipInput, maxBytes: number): Promise<ZipSource> {
  if (input instanceof Uint8Array) return bytesSource(input);
  if (input instanceof ArrayBuffer) return bytesSource(new Uint8Array(input));
  if (!isReadableStream(input) && !isAsyncIterable(input)) return blobSource(input);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of isReadableStream(input) ? streamChunks(input) : input) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new AppError(
        'zip-too-large',
        `The zip is larger than ${formatBytes(maxBytes)}, more than a face dataset can plausibly be.`,
      );
    }
    if (chunk.length > 0) chunks.push(chunk);
  }
  return chunksSource(chunks);
}
