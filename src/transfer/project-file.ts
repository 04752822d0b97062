// Owns the whole-project file: one zip with project.json (the index, written last), every
// image's stored crop and thumbnail, each source photo once (however many crops share it), and
// per run its entries (project-run-entries.ts: record, checkpoint, evaluation, an imported
// run's model files). Written as a stream of chunks, one image or one run at a time; read with
// the same safe zip reader as datasets, every entry checked before use.

import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { AppError } from '../lib/errors';
import type { IdentityRecord, ImageRecord } from '../storage/records';
import type { RunRecord } from '../storage/run-records';
import { entrySegments } from './dataset-layout';
import {
  PROJECT_FORMAT,
  PROJECT_INDEX_NAME,
  PROJECT_MARKER_NAME,
  PROJECT_MARKER_TEXT,
  PROJECT_VERSION,
  indexedEntries,
  validateProjectIndex,
  type ProjectImage,
  type ProjectIndex,
  type ProjectRun,
  type ProjectSettings,
} from './project-index';
import {
  checkRunEntries,
  missingEntry,
  writeRunEntries,
  type RunPartsSource,
} from './project-run-entries';
import { binaryPaths, decodeTyped, encodeTyped, type BinaryPart } from './typed-json';
import { readEntryData, type UnpackContext } from './zip-entry-data';
import { readZipDirectory, type ZipEntryInfo } from './zip-directory';
import { withDefaultLimits, type ZipReadLimits } from './zip-limits';
import { toZipSource, type ZipInput } from './zip-source';

export interface ProjectSource extends RunPartsSource {
  identities: readonly IdentityRecord[];
  images: readonly ImageRecord[];
  /** Trained and imported runs. */
  runs: readonly RunRecord[];
  settings: ProjectSettings;
  crop(imageId: string): Promise<Blob | undefined>;
  thumb(imageId: string): Promise<Blob | undefined>;
  /** The source photo stored under a photoKey. */
  photo(photoKey: string): Promise<Blob | undefined>;
}

export interface ProjectWriteInfo {
  appVersion: string;
  createdAt?: Date;
  /** Images and runs written so far, of all. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const encoder = new TextEncoder();

/** Streams the project zip chunk by chunk; returns the index it wrote. */
export async function* writeProjectZip(
  source: ProjectSource,
  info: ProjectWriteInfo,
): AsyncGenerator<Uint8Array, ProjectIndex, undefined> {
  const createdAt = info.createdAt ?? new Date();
  const pending: Uint8Array[] = [];
  let failure: unknown = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  const add = (path: string, bytes: Uint8Array, deflate: boolean) => {
    const file = deflate ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    file.mtime = createdAt;
    zip.add(file);
    file.push(bytes, true);
    if (failure !== null)
      throw new AppError('unknown', `Writing the project file failed: ${String(failure)}`);
  };
  const addTyped = (path: string, prefix: string, value: unknown) => {
    const parts: BinaryPart[] = [];
    const json = encodeTyped(value, prefix, parts);
    for (const part of parts) add(part.path, part.bytes, false);
    add(path, encoder.encode(JSON.stringify(json)), true);
  };
  add(PROJECT_MARKER_NAME, encoder.encode(PROJECT_MARKER_TEXT), true);
  const total = source.images.length + source.runs.length;
  let done = 0;
  const step = () => info.onProgress?.(++done, total);

  const images: ProjectImage[] = [];
  // photoKey → its entry (null: not stored), so a photo shared by several crops is written once.
  const photos = new Map<string, string | null>();
  const photoEntry = async (key: string): Promise<string | null> => {
    let path = photos.get(key);
    if (path === undefined) {
      const photo = await source.photo(key);
      // Numbered, not named by the key: a key is any string, an entry name must be safe.
      path = photo ? `photos/${photos.size + 1}.jpg` : null;
      if (photo && path) add(path, new Uint8Array(await photo.arrayBuffer()), false);
      photos.set(key, path);
    }
    return path;
  };
  for (const record of source.images) {
    info.signal?.throwIfAborted();
    const [crop, thumb] = await Promise.all([source.crop(record.id), source.thumb(record.id)]);
    if (crop) {
      const image: ProjectImage = { record, crop: `images/${record.id}/crop.jpg` };
      add(image.crop, new Uint8Array(await crop.arrayBuffer()), false);
      if (thumb) {
        image.thumb = `images/${record.id}/thumb.jpg`;
        add(image.thumb, new Uint8Array(await thumb.arrayBuffer()), false);
      }
      const photo = record.photoKey === undefined ? null : await photoEntry(record.photoKey);
      if (photo) image.photo = photo;
      images.push(image);
    }
    step();
    yield* pending.splice(0);
  }
  const runs: ProjectRun[] = [];
  for (const run of source.runs) {
    info.signal?.throwIfAborted();
    runs.push(await writeRunEntries(run, source, { add, addTyped }));
    step();
    yield* pending.splice(0);
  }
  const index: ProjectIndex = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    appVersion: info.appVersion,
    createdAt: createdAt.toISOString(),
    settings: source.settings,
    identities: [...source.identities],
    images,
    runs,
  };
  add(PROJECT_INDEX_NAME, encoder.encode(JSON.stringify(index)), true);
  zip.end();
  yield* pending.splice(0);
  return index;
}

export interface OpenedProject {
  index: ProjectIndex;
  /** An entry's bytes (checked against its CRC-32). */
  read(path: string): Promise<Uint8Array>;
  /** A typed-JSON entry decoded, with its binary parts. */
  readTyped(path: string): Promise<unknown>;
}

/**
 * Opens a project file and checks all of it before anything is used: a zip at all, safe entry
 * names, project.json valid and not from a newer version, every entry it names present, and
 * every entry unpacking to its checksum within the limits. Throws an AppError otherwise.
 */
export async function openProjectZip(
  input: ZipInput,
  overrides: Partial<ZipReadLimits> = {},
): Promise<OpenedProject> {
  const limits = withDefaultLimits({
    maxEntryBytes: 1024 * 2 ** 20,
    maxManifestBytes: 256 * 2 ** 20,
    ...overrides,
  });
  const source = await toZipSource(input, limits.maxTotalBytes);
  const directory = await readZipDirectory(source, limits);
  const entries = new Map<string, ZipEntryInfo>();
  for (const entry of directory.entries) {
    entrySegments(entry.name);
    if (!entry.isDirectory) entries.set(entry.name, entry);
  }
  const context = (): UnpackContext => ({
    source,
    dataLimit: directory.directoryOffset,
    limits,
    unpacked: 0,
  });
  const indexEntry = entries.get(PROJECT_INDEX_NAME);
  if (!indexEntry) {
    throw new AppError(
      'invalid-project',
      `This zip is not a Face Studio project: it has no ${PROJECT_INDEX_NAME}. (A dataset zip is imported with “Import dataset zip…”.)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        await readEntryData(context(), indexEntry, limits.maxManifestBytes),
      ),
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'invalid-project',
      `The project file's ${PROJECT_INDEX_NAME} is not readable JSON.`,
    );
  }
  const index = validateProjectIndex(parsed);
  for (const name of indexedEntries(index)) if (!entries.has(name)) throw missingEntry(name);
  // Every entry once, for its checksum and the zip-bomb limits, before anything is written.
  const check = context();
  for (const entry of entries.values()) await readEntryData(check, entry, limits.maxEntryBytes);

  const read = async (path: string) => {
    const entry = entries.get(path);
    if (!entry) throw missingEntry(path);
    return readEntryData(context(), entry, limits.maxEntryBytes);
  };
  const readJson = async (path: string): Promise<unknown> => {
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await read(path)));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'invalid-project',
        `The project file is damaged: ${path} is not readable JSON.`,
      );
    }
  };
  // The runs' files parse, name only entries that exist, and an imported run has its model.
  for (const run of index.runs) await checkRunEntries(run, readJson, (path) => entries.has(path));
  return {
    index,
    read,
    async readTyped(path) {
      const json = await readJson(path);
      const parts = new Map<string, Uint8Array>();
      for (const part of binaryPaths(json)) parts.set(part, await read(part));
      return decodeTyped(json, (part) => parts.get(part) ?? new Uint8Array(0));
    },
  };
}
