// Where a dataset zip keeps what: refuses entry names that point outside the archive, sets
// aside system files (__MACOSX, dotfiles) and non-images, strips one common top folder, and
// maps each image to its person's folder, insisting on the ImageFolder layout
// `<person>/<image>` so that a photo is never filed under the wrong person.

import { AppError } from '../lib/errors';
import { hasImageExtension } from '../vision/image-format';
import { MANIFEST_FILE_NAME } from './dataset-manifest';
import type { ZipEntryInfo } from './zip-directory';

export interface PlannedImage {
  entry: ZipEntryInfo;
  /** The person's folder, as named in the zip. */
  folder: string;
  fileName: string;
  /** `<folder>/<fileName>`, the path the manifest uses. */
  path: string;
}

export interface SkippedEntries {
  /** __MACOSX, dotfiles such as .DS_Store, Thumbs.db, desktop.ini. */
  systemFiles: number;
  /** Anything else that is not an image (and not the manifest). */
  nonImages: number;
  /** A few of the non-images' names, for the message to the user. */
  nonImageExamples: string[];
}

export interface DatasetLayout {
  images: PlannedImage[];
  manifest: ZipEntryInfo | undefined;
  /** The top folder stripped from every path, if there was one. */
  topFolder: string | undefined;
  skipped: SkippedEntries;
}

const EXPECTED_LAYOUT =
  'Face Studio expects one folder per person, <person>/<image>.jpg, optionally all inside one top folder';
const MAX_EXAMPLES = 5;
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini']);

function unsafe(name: string, why: string): AppError {
  return new AppError(
    'unsafe-zip-path',
    `The zip holds an entry named "${name}", which ${why}. Such names are used to write files outside the target folder, so the zip was not read.`,
  );
}

/** The entry's path as segments; throws for names that could escape the archive's folder. */
export function entrySegments(name: string): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) throw unsafe(name, 'contains control characters');
  // Some Windows tools write '\' as the separator.
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/')) throw unsafe(name, 'is an absolute path');
  if (/^[a-z]:/i.test(path)) throw unsafe(name, 'starts with a drive letter');
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw unsafe(name, 'climbs out of its folder with ".."');
  return segments;
}

function isSystemPath(segments: readonly string[]): boolean {
  const last = segments[segments.length - 1] ?? '';
  return (
    segments.some((segment) => segment.startsWith('.') || segment.toUpperCase() === '__MACOSX') ||
    SYSTEM_FILES.has(last.toLowerCase())
  );
}

function commonTopFolder(paths: readonly string[][]): string | undefined {
  const top = paths[0]?.[0];
  if (top === undefined) return undefined;
  return paths.every((segments) => segments.length >= 3 && segments[0] === top) ? top : undefined;
}

function noImages(skipped: SkippedEntries): AppError {
  const found =
    skipped.nonImages > 0
      ? ` It holds ${skipped.nonImages} other file${skipped.nonImages === 1 ? '' : 's'}, such as ${skipped.nonImageExamples.slice(0, 3).join(', ')}; it may come from another tool.`
      : '';
  return new AppError(
    'zip-no-images',
    `The zip holds no images (.jpg, .jpeg, .png, .webp, .gif or .bmp).${found} ${EXPECTED_LAYOUT}.`,
  );
}

/** Checks every entry name and lays the images out by person; throws a clear AppError if not. */
export function planDatasetLayout(entries: readonly ZipEntryInfo[]): DatasetLayout {
  const skipped: SkippedEntries = { systemFiles: 0, nonImages: 0, nonImageExamples: [] };
  const images: { entry: ZipEntryInfo; segments: string[] }[] = [];
  const others: { entry: ZipEntryInfo; segments: string[] }[] = [];
  for (const entry of entries) {
    const segments = entrySegments(entry.name);
    if (entry.isDirectory || segments.length === 0) continue;
    if (isSystemPath(segments)) skipped.systemFiles++;
    else if (hasImageExtension(entry.name)) images.push({ entry, segments });
    else others.push({ entry, segments });
  }

  const topFolder = commonTopFolder(images.map((image) => image.segments));
  const depth = topFolder === undefined ? 0 : 1;
  const manifestPath = [...(topFolder === undefined ? [] : [topFolder]), MANIFEST_FILE_NAME].join(
    '/',
  );
  let manifest: ZipEntryInfo | undefined;
  for (const { entry, segments } of others) {
    if (manifest === undefined && segments.join('/') === manifestPath) {
      manifest = entry;
      continue;
    }
    skipped.nonImages++;
    if (skipped.nonImageExamples.length < MAX_EXAMPLES)
      skipped.nonImageExamples.push(segments.join('/'));
  }
  if (images.length === 0) throw noImages(skipped);

  const planned = images.map(({ entry, segments }): PlannedImage => {
    const rest = segments.slice(depth);
    const [folder, fileName] = rest;
    if (rest.length === 1 || folder === undefined || fileName === undefined) {
      throw new AppError(
        'zip-bad-layout',
        `"${entry.name}" is not in a person's folder. ${EXPECTED_LAYOUT}.`,
      );
    }
    if (rest.length > 2) {
      throw new AppError(
        'zip-bad-layout',
        `"${entry.name}" is nested ${rest.length - 1} folders deep. ${EXPECTED_LAYOUT}; put each person's images directly in their folder.`,
      );
    }
    return { entry, folder, fileName, path: `${folder}/${fileName}` };
  });
  return { images: planned, manifest, topFolder, skipped };
}
