// Reads a dataset zip (Face Studio's own, or any ImageFolder zip) into the files the normal
// import path takes, `<person>/<file>`, so every image is hashed, checked for duplicates and
// cropped exactly like a dropped folder. The whole zip is checked and unpacked before anything
// is written: a bad zip is an AppError and the studio is left as it was. Images of our own zip
// that are already stored (their bytes are a stored crop) are left out and counted. A folder
// named "strangers" is no person: the import path files its images under Strangers.

import { contentHash } from '../lib/content-hash';
import { getCrops, updateImages } from '../storage/image-repo';
import type { SplitPart } from '../ml/split';
import type { ImageRecord } from '../storage/records';
import { AppError } from '../lib/errors';
import { openDatasetZip } from '../transfer/dataset-zip-reader';
import { PROJECT_MARKER_NAME } from '../transfer/project-index';
import { isStrangersFolder, type CollectedFiles } from './import-request';

export interface ZipImportPlan {
  collected: CollectedFiles;
  /** The people the zip names (a "strangers" folder is none). */
  people: string[];
  /** Images in the zip. */
  images: number;
  /** Images left out because the studio already stores exactly these crops. */
  alreadyStored: number;
  /** The zip carries Face Studio's manifest: its images are aligned crops already. */
  fromFaceStudio: boolean;
  /** Image hash → capture group, for the zip's groups of more than one image. */
  captureGroups: Map<string, string>;
  /** Image hash → the split part the manifest gives it. */
  splits: Map<string, SplitPart>;
  skippedFiles: number;
}

export interface ZipReadProgress {
  read: number;
  total: number;
}

const HASH_BATCH = 64;

/** SHA-256 of every stored crop: what our own exported zip's image files are. */
export async function storedCropHashes(imageIds: readonly string[]): Promise<Set<string>> {
  const hashes = new Set<string>();
  for (let start = 0; start < imageIds.length; start += HASH_BATCH) {
    const crops = await getCrops(imageIds.slice(start, start + HASH_BATCH));
    for (const crop of crops) if (crop) hashes.add(await contentHash(await crop.arrayBuffer()));
  }
  return hashes;
}

/** The folder names the person unless the manifest's name would not survive as one folder. */
function personOf(identity: string, folder: string): string {
  return /[/\\]/.test(identity) || identity.trim() === '' ? folder : identity;
}

export async function readZipForImport(
  file: Blob,
  storedImageIds: readonly string[],
  onProgress?: (progress: ZipReadProgress) => void,
): Promise<ZipImportPlan> {
  const zip = await openDatasetZip(file);
  if (zip.skipped.nonImageExamples.includes(PROJECT_MARKER_NAME)) {
    throw new AppError(
      'zip-bad-layout',
      'This is a Face Studio project file, not a dataset zip. Open it with “Open project file…” below.',
    );
  }
  const fromFaceStudio = zip.manifest !== undefined;
  const stored =
    fromFaceStudio && storedImageIds.length > 0
      ? await storedCropHashes(storedImageIds)
      : new Set<string>();
  const groupSizes = new Map<string, number>();
  for (const image of zip.manifest?.images ?? []) {
    if (image.captureGroup)
      groupSizes.set(image.captureGroup, (groupSizes.get(image.captureGroup) ?? 0) + 1);
  }
  const collected: CollectedFiles = { files: [], emptyFolders: [] };
  const captureGroups = new Map<string, string>();
  const splits = new Map<string, SplitPart>();
  let alreadyStored = 0;
  let read = 0;
  for await (const image of zip.images()) {
    read++;
    onProgress?.({ read, total: zip.imageCount });
    const hash = await contentHash(image.bytes);
    if (stored.has(hash)) {
      alreadyStored++;
      continue;
    }
    const group = image.manifestImage?.captureGroup;
    if (group !== undefined && (groupSizes.get(group) ?? 0) > 1) captureGroups.set(hash, group);
    if (image.manifestImage) splits.set(hash, image.manifestImage.split);
    collected.files.push({
      file: new Blob([image.bytes as Uint8Array<ArrayBuffer>]),
      path: `${personOf(image.identity, image.folder)}/${image.fileName}`,
    });
  }
  return {
    collected,
    people: zip.identities.filter((name) => !isStrangersFolder(name)),
    images: zip.imageCount,
    alreadyStored,
    fromFaceStudio,
    captureGroups,
    splits,
    skippedFiles: zip.skipped.nonImages,
  };
}

/**
 * Puts imported images of one webcam burst back into one group, and gives each image the split
 * part its manifest names, so the train/val/test parts come back as they were exported.
 */
export async function restoreCaptureGroups(
  images: readonly ImageRecord[],
  groups: ReadonlyMap<string, string>,
  splits: ReadonlyMap<string, SplitPart> = new Map(),
): Promise<number> {
  if (groups.size === 0 && splits.size === 0) return 0;
  const changed = images.flatMap((image) => {
    const group = groups.get(image.hash) ?? image.captureGroup;
    const split = splits.get(image.hash) ?? image.split;
    return group !== image.captureGroup || split !== image.split
      ? [{ ...image, captureGroup: group, ...(split ? { split } : {}) }]
      : [];
  });
  if (changed.length > 0) await updateImages(changed);
  return changed.length;
}
