// Writes a dataset as a zip in ImageFolder layout, `<person>/<image>` plus manifest.json, as a
// stream of chunks: each image is passed through as it comes (stored, not recompressed; only
// BMP is deflated), so an export of thousands of images holds one image at a time, not two
// copies of the dataset. The manifest, written last, records every image's SHA-256 and split.

import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';
import { contentHash } from '../lib/content-hash';
import { AppError } from '../lib/errors';
import { splitIdentity, type SplitItem, type SplitPart } from '../ml/split';
import { hasImageExtension } from '../vision/image-format';
import {
  MANIFEST_FILE_NAME,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  type DatasetManifest,
  type ManifestImage,
} from './dataset-manifest';
import { FolderNames, UniqueNames, safeSegment } from './folder-names';
import { isCompressedImageName, sniffImageExtension } from './image-extension';

export interface DatasetZipWriteEntry {
  /** The person's name, free text. */
  identity: string;
  /** The image's file name (a relative path is flattened into one name). */
  fileName: string;
  /** The encoded image file. */
  bytes: Uint8Array;
  /** Omitted: the identity's images without a split are split as the app does (split.ts). */
  split?: SplitPart;
  captureGroup?: string;
}

export interface ZipWriteProgress {
  written: number;
  total: number;
}

export interface DatasetZipWriteInfo {
  appVersion: string;
  /** How many entries will come, for progress. */
  total: number;
  /** People to list (and name folders for) first, in this order, even without images. */
  identities?: readonly string[];
  /** Stored as the manifest's createdAt and every entry's time; defaults to now. */
  createdAt?: Date;
  onProgress?: (progress: ZipWriteProgress) => void;
  signal?: AbortSignal;
}

/** fflate writes no ZIP64: at most 65 535 entries and offsets below 4 GiB. */
export const MAX_EXPORT_IMAGES = 65_000;
const MAX_ZIP_BYTES = 2 ** 32 - 1 - 256 * 2 ** 20;

interface WrittenImage extends Omit<ManifestImage, 'split'> {
  fileName: string;
  split: SplitPart | undefined;
}

function tooLarge(detail: string): AppError {
  return new AppError(
    'zip-too-large',
    `The dataset is too large for one zip: ${detail}. Export fewer people at once.`,
  );
}

function exportFileName(entry: DatasetZipWriteEntry): string {
  const name = safeSegment(entry.fileName, 'image');
  if (hasImageExtension(name)) return name;
  const extension = sniffImageExtension(entry.bytes);
  if (extension === null) {
    throw new AppError(
      'not-an-image',
      `${entry.fileName} (${entry.identity}) is not a JPEG, PNG, WebP, GIF or BMP image.`,
    );
  }
  return name + extension;
}

/** Gives a split to every image without one, per person, exactly as the app splits. */
function completeSplits(images: readonly WrittenImage[]): ManifestImage[] {
  const unsplit = new Map<string, SplitItem[]>();
  for (const image of images) {
    if (image.split !== undefined) continue;
    const item = {
      id: image.path,
      sortKey: image.fileName,
      group: image.captureGroup ?? image.path,
    };
    const items = unsplit.get(image.identity);
    if (items) items.push(item);
    else unsplit.set(image.identity, [item]);
  }
  const parts = new Map<string, SplitPart>();
  for (const items of unsplit.values())
    for (const [id, part] of splitIdentity(items)) parts.set(id, part);
  return images.map((image) => {
    const split = image.split ?? parts.get(image.path) ?? 'train';
    const record: ManifestImage = {
      path: image.path,
      identity: image.identity,
      sha256: image.sha256,
      split,
    };
    if (image.captureGroup !== undefined) record.captureGroup = image.captureGroup;
    return record;
  });
}

/**
 * Streams the zip: yields its bytes chunk by chunk and returns the manifest it wrote. Throws
 * an AppError for a non-image entry, more than MAX_EXPORT_IMAGES images or a zip past 4 GB.
 */
export async function* writeDatasetZip(
  entries: AsyncIterable<DatasetZipWriteEntry> | Iterable<DatasetZipWriteEntry>,
  info: DatasetZipWriteInfo,
): AsyncGenerator<Uint8Array, DatasetManifest, undefined> {
  const createdAt = info.createdAt ?? new Date();
  const pending: Uint8Array[] = [];
  let failure: unknown = null;
  let emitted = 0;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  const add = (
    file: ZipInputFile & { push(bytes: Uint8Array, final: boolean): void },
    bytes: Uint8Array,
  ) => {
    file.mtime = createdAt;
    zip.add(file);
    file.push(bytes, true);
    if (failure !== null)
      throw new AppError('unknown', `Writing the zip failed: ${String(failure)}`);
  };
  const drain = () => {
    const chunks = pending.splice(0);
    for (const chunk of chunks) emitted += chunk.length;
    return chunks;
  };

  const folders = new FolderNames();
  for (const identity of info.identities ?? []) folders.folderFor(identity);
  const filesIn = new Map<string, UniqueNames>();
  const images: WrittenImage[] = [];
  for await (const entry of entries) {
    info.signal?.throwIfAborted();
    if (images.length >= MAX_EXPORT_IMAGES) throw tooLarge(`more than ${MAX_EXPORT_IMAGES} images`);
    if (emitted + entry.bytes.length > MAX_ZIP_BYTES) throw tooLarge('more than 4 GB');
    const folder = folders.folderFor(entry.identity);
    const files = filesIn.get(folder) ?? new UniqueNames();
    filesIn.set(folder, files);
    const fileName = files.claim(exportFileName(entry), true);
    const path = `${folder}/${fileName}`;
    add(
      isCompressedImageName(fileName)
        ? new ZipPassThrough(path)
        : new ZipDeflate(path, { level: 6 }),
      entry.bytes,
    );
    const image: WrittenImage = {
      path,
      fileName,
      identity: entry.identity,
      sha256: await contentHash(entry.bytes),
      split: entry.split,
    };
    if (entry.captureGroup !== undefined) image.captureGroup = entry.captureGroup;
    images.push(image);
    yield* drain();
    info.onProgress?.({ written: images.length, total: info.total });
  }

  const manifest: DatasetManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    appVersion: info.appVersion,
    createdAt: createdAt.toISOString(),
    identities: folders.entries(),
    images: completeSplits(images),
  };
  add(
    new ZipDeflate(MANIFEST_FILE_NAME, { level: 6 }),
    new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
  );
  zip.end();
  yield* drain();
  return manifest;
}
