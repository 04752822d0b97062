// Test helpers for the dataset zip tests: sample images (ORL faces from ../shared when present),
// collecting a written zip, reading every image, and hand-editing zip headers to craft bad zips.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../lib/errors';
import type { DatasetZip, DatasetZipImage } from '../dataset-zip-reader';

const SHARED_ROOT =
  process.env.FACE_STUDIO_SHARED ?? resolve(import.meta.dirname, '../../../shared');
const ORL_S1 = join(SHARED_ROOT, 'datasets/orl-att-faces/images/s1');

export interface SampleImage {
  name: string;
  bytes: Uint8Array;
}

/** ORL person s1's PNGs (92×112 grey faces); stand-in bytes with a PNG signature without ../shared. */
export function sampleImages(): SampleImage[] {
  if (existsSync(ORL_S1)) {
    return readdirSync(ORL_S1)
      .filter((name) => name.endsWith('.png'))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(ORL_S1, name))) }));
  }
  return Array.from({ length: 10 }, (_, i) => {
    const bytes = new Uint8Array(4000 + i);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (let j = 8; j < bytes.length; j++) bytes[j] = (j * 31 + i * 7) & 0xff;
    return { name: `${i + 1}.png`, bytes };
  });
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Runs a zip writer to the end: its chunks and what it returned. */
export async function collect<R>(
  stream: AsyncGenerator<Uint8Array, R, undefined>,
): Promise<{ chunks: Uint8Array[]; result: R }> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { chunks, result: next.value };
    chunks.push(next.value);
  }
}

export async function readAll(zip: DatasetZip): Promise<DatasetZipImage[]> {
  const images: DatasetZipImage[] = [];
  for await (const image of zip.images()) images.push(image);
  return images;
}

/** Awaits a rejection and checks it is the AppError a user would see. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: ErrorCode,
  message?: RegExp,
): Promise<AppError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  if (message) expect(appError.message).toMatch(message);
  return appError;
}

export interface HeaderPatch {
  flags?: number;
  method?: number;
  compressedSize?: number;
  uncompressedSize?: number;
}

function patchHeader(data: DataView, at: number, fieldBase: number, patch: HeaderPatch): void {
  if (patch.flags !== undefined) data.setUint16(at + fieldBase, patch.flags, true);
  if (patch.method !== undefined) data.setUint16(at + fieldBase + 2, patch.method, true);
  if (patch.compressedSize !== undefined)
    data.setUint32(at + fieldBase + 12, patch.compressedSize, true);
  if (patch.uncompressedSize !== undefined)
    data.setUint32(at + fieldBase + 16, patch.uncompressedSize, true);
}

/** A copy of `zip` with the named entry's local and central headers edited. */
export function patchEntry(zip: Uint8Array, name: string, patch: HeaderPatch): Uint8Array {
  const out = zip.slice();
  const data = new DataView(out.buffer);
  const encoded = new TextEncoder().encode(name);
  let found = 0;
  for (let at = 0; at + 46 < out.length; at++) {
    const signature = data.getUint32(at, true);
    const central = signature === 0x02014b50;
    if (!central && signature !== 0x04034b50) continue;
    const nameAt = at + (central ? 46 : 30);
    const nameLength = data.getUint16(at + (central ? 28 : 26), true);
    if (nameLength !== encoded.length || !encoded.every((b, i) => out[nameAt + i] === b)) continue;
    // Flags sit at +8 in a central header and +6 in a local one; the other fields follow alike.
    patchHeader(data, at, central ? 8 : 6, patch);
    found++;
  }
  expect(found).toBe(2);
  return out;
}

/** A copy of `zip` whose end record declares `count` entries. */
export function patchEntryCount(zip: Uint8Array, count: number): Uint8Array {
  const out = zip.slice();
  const data = new DataView(out.buffer);
  const end = out.length - 22;
  expect(data.getUint32(end, true)).toBe(0x06054b50);
  data.setUint16(end + 8, count, true);
  data.setUint16(end + 10, count, true);
  return out;
}

/** A Blob-like view of bytes that counts how many bytes the reader asked for. */
export function countingBlob(bytes: Uint8Array): { blob: Blob; bytesRead: () => number } {
  let read = 0;
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const counting = {
    size: blob.size,
    slice(start?: number, end?: number) {
      const part = blob.slice(start, end);
      read += part.size;
      return part;
    },
  };
  return { blob: counting as unknown as Blob, bytesRead: () => read };
}
