// Unpacks one zip entry under the read limits: what the directory declares is checked before
// any byte is read, and the actual output is checked after every small step of inflation, so a
// zip bomb is stopped within a few megabytes whatever its headers claim. The CRC-32 and size
// of the result are then checked against the directory.

import { Inflate } from 'fflate';
import { AppError } from '../lib/errors';
import { crc32 } from './crc32';
import type { ZipEntryInfo } from './zip-directory';
import { formatBytes, type ZipReadLimits } from './zip-limits';
import type { ZipSource } from './zip-source';

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const ENCRYPTED_FLAG = 0x0001;
export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;
/** Bytes read from the source at once. */
const READ_WINDOW = 16 * 1024;
/** Bytes handed to the inflater at once: at most ~1032× this comes out before the next check. */
const PUSH_SIZE = 4 * 1024;

/** One zip being unpacked: its bytes, where entry data must end, and the running total. */
export interface UnpackContext {
  source: ZipSource;
  /** The central directory's offset: every entry's data lies before it. */
  dataLimit: number;
  limits: ZipReadLimits;
  /** Bytes unpacked so far from this zip, shared by all its entries. */
  unpacked: number;
}

function bomb(detail: string): AppError {
  return new AppError(
    'zip-bomb',
    `The zip looks built to exhaust memory (a "zip bomb"): ${detail}. Nothing more was unpacked.`,
  );
}

function corrupt(name: string, detail: string): AppError {
  return new AppError('corrupt-zip', `The zip is damaged: ${name} ${detail}.`);
}

/** What can be refused from the directory alone, before reading any of the entry's data. */
export function declaredProblem(
  entry: ZipEntryInfo,
  maxBytes: number,
  limits: ZipReadLimits,
): AppError | null {
  const { name, compressedSize: packed, uncompressedSize: size } = entry;
  if (entry.flags & ENCRYPTED_FLAG) {
    return new AppError(
      'unsupported-zip',
      `${name} is encrypted; export the zip again without a password.`,
    );
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    return new AppError(
      'unsupported-zip',
      `${name} uses compression method ${entry.method}, which Face Studio cannot unpack; save the zip with ordinary (deflate) compression.`,
    );
  }
  if (entry.method === METHOD_STORED && packed !== size) {
    return corrupt(
      name,
      `is stored uncompressed yet declares ${packed} packed and ${size} unpacked bytes`,
    );
  }
  if (size > maxBytes) {
    return new AppError(
      'zip-too-large',
      `${name} would unpack to ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}.`,
    );
  }
  if (size > limits.ratioGraceBytes && size > packed * limits.maxRatio) {
    return bomb(`${name} declares ${formatBytes(packed)} packed into ${formatBytes(size)}`);
  }
  return null;
}

async function dataStart(
  source: ZipSource,
  entry: ZipEntryInfo,
  dataLimit: number,
): Promise<number> {
  const header = await source.read(entry.localHeaderOffset, LOCAL_HEADER_SIZE);
  const data = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (data.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE)
    throw corrupt(entry.name, 'has no entry header');
  const start =
    entry.localHeaderOffset +
    LOCAL_HEADER_SIZE +
    data.getUint16(26, true) +
    data.getUint16(28, true);
  if (start + entry.compressedSize > dataLimit)
    throw corrupt(entry.name, "lies outside the zip's data");
  return start;
}

async function inflateEntry(
  context: UnpackContext,
  entry: ZipEntryInfo,
  start: number,
): Promise<Uint8Array> {
  const { source, limits } = context;
  const out = new Uint8Array(entry.uncompressedSize);
  let produced = 0;
  let consumed = 0;
  const inflater = new Inflate((chunk) => {
    const after = produced + chunk.length;
    if (context.unpacked + after > limits.maxTotalBytes) {
      throw bomb(`it unpacks to more than ${formatBytes(limits.maxTotalBytes)} in all`);
    }
    if (after > limits.ratioGraceBytes && after > consumed * limits.maxRatio) {
      throw bomb(
        `${entry.name} expands more than ${limits.maxRatio}-fold (past ${formatBytes(after)})`,
      );
    }
    if (after > out.length) {
      throw corrupt(
        entry.name,
        `unpacks to more than the ${formatBytes(out.length)} the zip declares`,
      );
    }
    out.set(chunk, produced);
    produced = after;
  });
  const packed = entry.compressedSize;
  if (packed === 0) throw corrupt(entry.name, 'has no compressed data');
  for (let offset = 0; offset < packed; offset += READ_WINDOW) {
    const window = await source.read(start + offset, Math.min(READ_WINDOW, packed - offset));
    for (let at = 0; at < window.length; at += PUSH_SIZE) {
      const piece = window.subarray(at, at + PUSH_SIZE);
      consumed += piece.length;
      try {
        inflater.push(piece, offset + at + piece.length >= packed);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw corrupt(entry.name, 'cannot be unpacked (its compressed data is invalid)');
      }
    }
  }
  if (produced !== out.length) {
    throw corrupt(
      entry.name,
      `unpacks to ${produced} bytes, not the ${out.length} the zip declares`,
    );
  }
  return out;
}

/**
 * The entry's unpacked bytes, checked for size and CRC-32. For a stored entry of an in-memory
 * zip this is a view into the zip's bytes (copy it before transferring its buffer).
 */
export async function readEntryData(
  context: UnpackContext,
  entry: ZipEntryInfo,
  maxBytes: number,
): Promise<Uint8Array> {
  const { source, limits } = context;
  const problem = declaredProblem(entry, maxBytes, limits);
  if (problem) throw problem;
  const start = await dataStart(source, entry, context.dataLimit);
  let bytes: Uint8Array;
  if (entry.method === METHOD_STORED) {
    if (context.unpacked + entry.compressedSize > limits.maxTotalBytes) {
      throw bomb(`it unpacks to more than ${formatBytes(limits.maxTotalBytes)} in all`);
    }
    bytes = await source.read(start, entry.compressedSize);
  } else {
    bytes = await inflateEntry(context, entry, start);
  }
  if (crc32(bytes) !== entry.crc) throw corrupt(entry.name, 'fails its checksum (CRC-32)');
  context.unpacked += bytes.length;
  return bytes;
}
