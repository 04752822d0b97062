// The zip's table of contents: finds the end-of-central-directory record (and its ZIP64 form),
// then lists every entry from the central directory without touching any entry's data, so that
// all the checks that can be made before unpacking are made on what the zip declares.

import { AppError } from '../lib/errors';
import { decodeEntryName } from './zip-entry-name';
import { formatBytes, type ZipReadLimits } from './zip-limits';
import type { ZipSource } from './zip-source';

export interface ZipEntryInfo {
  name: string;
  flags: number;
  /** 0 stored, 8 deflate; anything else is refused when the entry is needed. */
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  isDirectory: boolean;
}

export interface ZipDirectory {
  entries: ZipEntryInfo[];
  /** Where the central directory starts: every entry's data must lie before it. */
  directoryOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;
/** Longest plausible directory record: header plus a long name and extra fields. */
const PLAUSIBLE_RECORD_BYTES = 2048;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function corrupt(detail: string): AppError {
  return new AppError('corrupt-zip', `The zip is damaged: ${detail}.`);
}

function u64(data: DataView, offset: number): number {
  const value = data.getBigUint64(offset, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('a ZIP64 size is out of range');
  return Number(value);
}

async function notFoundError(source: ZipSource): Promise<AppError> {
  const head = await source.read(0, Math.min(4, source.size));
  const startsLikeZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
  if (startsLikeZip) {
    return new AppError(
      'truncated-zip',
      'The zip is incomplete: it starts like a zip but its end is missing. It was probably cut short while downloading or copying; download it again.',
    );
  }
  return new AppError(
    'not-a-zip',
    source.size === 0
      ? 'The file is empty (0 bytes), not a zip.'
      : 'The file is not a zip archive.',
  );
}

interface EndRecord {
  entryCount: number;
  directorySize: number;
  directoryOffset: number;
  /** Where the directory must end: the ZIP64 record or the end record. */
  directoryLimit: number;
}

async function findEndRecord(source: ZipSource): Promise<EndRecord> {
  if (source.size < EOCD_SIZE) throw await notFoundError(source);
  const tailStart = Math.max(0, source.size - EOCD_SIZE - MAX_COMMENT);
  const tail = await source.read(tailStart, source.size - tailStart);
  const data = view(tail);
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (data.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    if (at + EOCD_SIZE + data.getUint16(at + 20, true) > tail.length) continue;
    const position = tailStart + at;
    if (data.getUint16(at + 4, true) !== 0 || data.getUint16(at + 6, true) !== 0) {
      throw new AppError(
        'unsupported-zip',
        'The zip is split into several parts; join them into one zip first.',
      );
    }
    const end: EndRecord = {
      entryCount: data.getUint16(at + 10, true),
      directorySize: data.getUint32(at + 12, true),
      directoryOffset: data.getUint32(at + 16, true),
      directoryLimit: position,
    };
    return (await readZip64End(source, position)) ?? end;
  }
  throw await notFoundError(source);
}

/** A ZIP64 locator sits just before the end record when counts or offsets outgrow 16/32 bits. */
async function readZip64End(source: ZipSource, endPosition: number): Promise<EndRecord | null> {
  if (endPosition < 20) return null;
  const locator = view(await source.read(endPosition - 20, 20));
  if (locator.getUint32(0, true) !== ZIP64_LOCATOR_SIGNATURE) return null;
  const recordOffset = u64(locator, 8);
  if (recordOffset + 56 > endPosition - 20) throw corrupt('the ZIP64 end record is out of place');
  const record = view(await source.read(recordOffset, 56));
  if (record.getUint32(0, true) !== ZIP64_EOCD_SIGNATURE)
    throw corrupt('the ZIP64 end record is missing');
  return {
    entryCount: u64(record, 32),
    directorySize: u64(record, 40),
    directoryOffset: u64(record, 48),
    directoryLimit: recordOffset,
  };
}

function tooManyEntries(count: number, limits: ZipReadLimits): AppError {
  return new AppError(
    'zip-too-many-entries',
    `The zip lists ${count > limits.maxEntries ? count.toLocaleString('en') : `more than ${limits.maxEntries.toLocaleString('en')}`} entries; Face Studio reads at most ${limits.maxEntries.toLocaleString('en')}.`,
  );
}

/** Values stored as 0xFFFFFFFF in the record live in the ZIP64 extra field (id 1), in order. */
function applyZip64Extra(entry: ZipEntryInfo, extra: DataView): void {
  for (let at = 0; at + 4 <= extra.byteLength;) {
    const id = extra.getUint16(at, true);
    const size = extra.getUint16(at + 2, true);
    if (at + 4 + size > extra.byteLength)
      throw corrupt(`the extra field of ${entry.name} is cut short`);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + size)
          throw corrupt(`the ZIP64 field of ${entry.name} is cut short`);
        const value = u64(extra, field);
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

function parseEntries(bytes: Uint8Array, limits: ZipReadLimits): ZipEntryInfo[] {
  const data = view(bytes);
  const entries: ZipEntryInfo[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (entries.length >= limits.maxEntries) throw tooManyEntries(entries.length + 1, limits);
    if (
      at + CENTRAL_HEADER_SIZE > bytes.length ||
      data.getUint32(at, true) !== CENTRAL_HEADER_SIGNATURE
    ) {
      throw corrupt(`its directory is unreadable after ${entries.length} entries`);
    }
    const flags = data.getUint16(at + 8, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const nameStart = at + CENTRAL_HEADER_SIZE;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > bytes.length)
      throw corrupt(`its directory is cut short after ${entries.length} entries`);
    const name = decodeEntryName(bytes.subarray(nameStart, nameStart + nameLength), flags);
    const entry: ZipEntryInfo = {
      name,
      flags,
      method: data.getUint16(at + 10, true),
      crc: data.getUint32(at + 16, true),
      compressedSize: data.getUint32(at + 20, true),
      uncompressedSize: data.getUint32(at + 24, true),
      localHeaderOffset: data.getUint32(at + 42, true),
      // MS-DOS directory attribute (bit 4) for tools that do not end folder names with '/'.
      isDirectory:
        name.endsWith('/') || name.endsWith('\\') || (data.getUint32(at + 38, true) & 0x10) !== 0,
    };
    const extraStart = nameStart + nameLength;
    applyZip64Extra(entry, new DataView(bytes.buffer, bytes.byteOffset + extraStart, extraLength));
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Reads and checks the directory; throws an AppError for a non-zip, a cut or damaged zip. */
export async function readZipDirectory(
  source: ZipSource,
  limits: ZipReadLimits,
): Promise<ZipDirectory> {
  const end = await findEndRecord(source);
  if (end.entryCount > limits.maxEntries) throw tooManyEntries(end.entryCount, limits);
  if (end.directoryOffset + end.directorySize > end.directoryLimit) {
    throw corrupt('its directory points past the end of the file');
  }
  if (end.directorySize > (limits.maxEntries + 1) * PLAUSIBLE_RECORD_BYTES) {
    throw new AppError(
      'zip-too-large',
      `The zip's directory is ${formatBytes(end.directorySize)}, far more than a face dataset needs.`,
    );
  }
  const entries = parseEntries(await source.read(end.directoryOffset, end.directorySize), limits);
  // Writers without ZIP64 store the count modulo 65 536.
  if (entries.length % 0x10000 !== end.entryCount % 0x10000) {
    throw corrupt(`it declares ${end.entryCount} entries but lists ${entries.length}`);
  }
  for (const entry of entries) {
    const dataEnd = entry.localHeaderOffset + LOCAL_HEADER_SIZE + entry.compressedSize;
    if (dataEnd > end.directoryOffset) throw corrupt(`${entry.name} lies outside the zip's data`);
  }
  return { entries, directoryOffset: end.directoryOffset };
}
