// Owns the JSON form of stored records that hold typed arrays (checkpoint weights, evaluation
// figures) and non-finite numbers (a metric that cannot exist is NaN): each typed array becomes
// a reference to a separate binary part, each non-finite number a tagged object, so a record
// comes back exactly as it was stored, with its array types.

import { AppError } from '../lib/errors';

const TYPED = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;

type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

export interface BinaryPart {
  path: string;
  bytes: Uint8Array;
}

interface BinaryRef {
  $bin: string;
  type: TypedName;
  length: number;
}

function typedName(value: object): TypedName | null {
  for (const name of Object.keys(TYPED) as TypedName[])
    if (value instanceof TYPED[name]) return name;
  return null;
}

function invalid(detail: string): AppError {
  return new AppError('invalid-project', `The project file is damaged: ${detail}.`);
}

/** A JSON-ready copy of `value`; its typed arrays are appended to `parts` under `prefix`. */
export function encodeTyped(value: unknown, prefix: string, parts: BinaryPart[]): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    const type = typedName(value);
    if (type === null) throw new Error('Only typed arrays can be stored, not a DataView.');
    const typed = value as Typed;
    const path = `${prefix}${parts.length}.bin`;
    // A copy of exactly its own bytes: a view may share a larger buffer.
    parts.push({
      path,
      bytes: new Uint8Array(
        typed.buffer.slice(typed.byteOffset, typed.byteOffset + typed.byteLength),
      ),
    });
    return { $bin: path, type, length: typed.length } satisfies BinaryRef;
  }
  if (Array.isArray(value)) return value.map((item) => encodeTyped(item, prefix, parts));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    if (item !== undefined) out[key] = encodeTyped(item, prefix, parts);
  return out;
}

function isRef(value: Record<string, unknown>): value is Record<string, unknown> & BinaryRef {
  return (
    typeof value.$bin === 'string' &&
    typeof value.type === 'string' &&
    typeof value.length === 'number'
  );
}

/** Every binary part the JSON form refers to. */
export function binaryPaths(value: unknown, into: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return into;
  if (Array.isArray(value)) {
    for (const item of value) binaryPaths(item, into);
    return into;
  }
  const record = value as Record<string, unknown>;
  if (isRef(record)) into.push(record.$bin);
  else for (const item of Object.values(record)) binaryPaths(item, into);
  return into;
}

/** The record back from its JSON form; `part(path)` gives a binary part's bytes. */
export function decodeTyped(value: unknown, part: (path: string) => Uint8Array): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => decodeTyped(item, part));
  const record = value as Record<string, unknown>;
  if (typeof record.$num === 'string' && Object.keys(record).length === 1) {
    if (!['NaN', 'Infinity', '-Infinity'].includes(record.$num))
      throw invalid(`"${record.$num}" is not a number`);
    return Number(record.$num);
  }
  if (isRef(record)) {
    const Type = Object.hasOwn(TYPED, record.type) ? TYPED[record.type] : undefined;
    if (!Type) throw invalid(`"${record.type}" is not an array type`);
    const bytes = part(record.$bin);
    if (bytes.length !== record.length * Type.BYTES_PER_ELEMENT)
      throw invalid(
        `${record.$bin} has ${bytes.length} bytes, not ${record.length} ${record.type} values`,
      );
    // A copy: aligned for the type, and owning its buffer.
    return new Type(bytes.slice().buffer);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = decodeTyped(item, part);
  return out;
}
