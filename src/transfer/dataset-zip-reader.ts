// Reads a dataset zip (ImageFolder layout, with or without Face Studio's manifest.json) from
// an untrusted file. Every check that can be made before unpacking (a zip at all, complete,
// safe names, plausible entry count and sizes, images present, layout, manifest) is made by
// `openDatasetZip`, which yields nothing; only then do `images()` unpack one image at a time.

import { AppError } from '../lib/errors';
import { planDatasetLayout, type PlannedImage, type SkippedEntries } from './dataset-layout';
import { parseManifest, type DatasetManifest, type ManifestImage } from './dataset-manifest';
import { declaredProblem, readEntryData, type UnpackContext } from './zip-entry-data';
import { readZipDirectory } from './zip-directory';
import { formatBytes, withDefaultLimits, type ZipReadLimits } from './zip-limits';
import { toZipSource, type ZipInput } from './zip-source';

export interface DatasetZipReadOptions {
  /** Overrides of DEFAULT_ZIP_READ_LIMITS. */
  limits?: Partial<ZipReadLimits>;
}

export interface DatasetZipImage {
  /** The person: the manifest's name for the folder, else the folder's name. */
  identity: string;
  folder: string;
  fileName: string;
  /** `<folder>/<fileName>`, as the manifest names it. */
  path: string;
  /** The file's bytes; may be a view into an in-memory zip (copy before transferring). */
  bytes: Uint8Array;
  /** What the manifest records for this image (hash, split, capture group), if it does. */
  manifestImage?: ManifestImage;
}

export interface DatasetZip {
  manifest: DatasetManifest | undefined;
  /** People in the order their folders first appear. */
  identities: string[];
  imageCount: number;
  /** The top folder stripped from every path (`faces/` in `faces/<person>/<image>`), if any. */
  topFolder: string | undefined;
  skipped: SkippedEntries;
  /** Unpacks the images in zip order; throws an AppError at a damaged entry or a zip bomb. */
  images(options?: { signal?: AbortSignal }): AsyncGenerator<DatasetZipImage, void, undefined>;
}

function checkDeclaredSizes(
  images: readonly PlannedImage[],
  manifest: PlannedImage['entry'] | undefined,
  limits: ZipReadLimits,
): void {
  let total = 0;
  for (const { entry } of images) {
    const problem = declaredProblem(entry, limits.maxEntryBytes, limits);
    if (problem) throw problem;
    total += entry.uncompressedSize;
  }
  if (manifest) {
    const problem = declaredProblem(manifest, limits.maxManifestBytes, limits);
    if (problem) throw problem;
    total += manifest.uncompressedSize;
  }
  if (total > limits.maxTotalBytes) {
    throw new AppError(
      'zip-too-large',
      `The zip's images would unpack to ${formatBytes(total)}; Face Studio imports at most ${formatBytes(limits.maxTotalBytes)} at once. Split the dataset into smaller zips.`,
    );
  }
}

function identityNames(
  images: readonly PlannedImage[],
  manifest: DatasetManifest | undefined,
): Map<string, string> {
  const byFolder = new Map(
    manifest?.identities.map((identity) => [identity.folder, identity.name]),
  );
  const names = new Map<string, string>();
  for (const { folder } of images) {
    if (!names.has(folder)) names.set(folder, byFolder.get(folder) ?? folder);
  }
  return names;
}

interface ImagePlan {
  images: readonly PlannedImage[];
  /** Folder → person. */
  names: ReadonlyMap<string, string>;
  /** Path → the manifest's record. */
  recorded: ReadonlyMap<string, ManifestImage>;
}

async function* unpackImages(
  context: UnpackContext,
  plan: ImagePlan,
  signal: AbortSignal | undefined,
): AsyncGenerator<DatasetZipImage, void, undefined> {
  for (const { entry, folder, fileName, path } of plan.images) {
    signal?.throwIfAborted();
    const bytes = await readEntryData(context, entry, context.limits.maxEntryBytes);
    const image: DatasetZipImage = {
      identity: plan.names.get(folder) ?? folder,
      folder,
      fileName,
      path,
      bytes,
    };
    const manifestImage = plan.recorded.get(path);
    if (manifestImage) image.manifestImage = manifestImage;
    yield image;
  }
}

/**
 * Opens a dataset zip: a File/Blob (read lazily, preferred), bytes, or a stream of chunks (held
 * whole). Throws an AppError for anything wrong that can be seen before unpacking images:
 * 'not-a-zip', 'truncated-zip', 'corrupt-zip', 'unsupported-zip', 'unsafe-zip-path',
 * 'zip-too-many-entries', 'zip-too-large', 'zip-bomb', 'zip-no-images', 'zip-bad-layout',
 * 'invalid-manifest', 'manifest-too-new'.
 */
export async function openDatasetZip(
  input: ZipInput,
  options: DatasetZipReadOptions = {},
): Promise<DatasetZip> {
  const limits = withDefaultLimits(options.limits);
  const source = await toZipSource(input, limits.maxTotalBytes);
  const directory = await readZipDirectory(source, limits);
  const layout = planDatasetLayout(directory.entries);
  checkDeclaredSizes(layout.images, layout.manifest, limits);

  let manifest: DatasetManifest | undefined;
  if (layout.manifest) {
    const context: UnpackContext = {
      source,
      dataLimit: directory.directoryOffset,
      limits,
      unpacked: 0,
    };
    manifest = parseManifest(
      await readEntryData(context, layout.manifest, limits.maxManifestBytes),
    );
  }
  const plan: ImagePlan = {
    images: layout.images,
    names: identityNames(layout.images, manifest),
    recorded: new Map(manifest?.images.map((image) => [image.path, image])),
  };
  return {
    manifest,
    identities: [...new Set(plan.names.values())],
    imageCount: layout.images.length,
    topFolder: layout.topFolder,
    skipped: layout.skipped,
    images: ({ signal } = {}) =>
      unpackImages(
        { source, dataLimit: directory.directoryOffset, limits, unpacked: 0 },
        plan,
        signal,
      ),
  };
}
