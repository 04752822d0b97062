// Exports the studio's dataset as an ImageFolder zip (`<person>/<image>.jpg` + manifest.json):
// the stored aligned 128×128 crops, read from IndexedDB a batch at a time, each with the split
// the Dataset screen shows and its capture group, streamed through writeDatasetZip into a Blob
// built in parts, so the dataset is never held twice. Unsorted images and strangers belong to
// no person, so they have no folder: they are left out and counted (the project file keeps
// them).

import { AppError } from '../lib/errors';
import type { SplitPart } from '../ml/split';
import { summarizeIdentities } from '../domain/identity-summaries';
import { getCrops } from '../storage/image-repo';
import {
  STRANGERS_ID,
  UNSORTED_ID,
  type IdentityRecord,
  type ImageRecord,
} from '../storage/records';
import {
  writeDatasetZip,
  type DatasetZipWriteEntry,
  type ZipWriteProgress,
} from '../transfer/dataset-zip-writer';
import { BlobParts } from './blob-parts';

const READ_BATCH = 64;

export interface DatasetExportInput {
  /** The people to export (those visible on the Dataset screen), in order. */
  identities: readonly IdentityRecord[];
  /** Their images; Unsorted ones and strangers given here are left out and counted. */
  images: readonly ImageRecord[];
  appVersion: string;
  onProgress?: (progress: ZipWriteProgress) => void;
  signal?: AbortSignal;
}

export interface DatasetExportResult {
  blob: Blob;
  people: number;
  images: number;
  /** Images whose stored crop was missing (left out). */
  missing: number;
  /** Unsorted images (no person, so no folder) left out. */
  unsortedLeftOut: number;
  /** Strangers' images (never a person, so no folder) left out. */
  strangersLeftOut: number;
  seconds: number;
}

interface PlannedImage {
  image: ImageRecord;
  identity: string;
  split: SplitPart;
}

/** The stored crop is a JPEG whatever the original was: keep the name, fix the extension. */
export function cropFileName(sourceName: string): string {
  const base = sourceName.split('/').pop() ?? '';
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${stem || 'image'}.jpg`;
}

/** Per person, images in the Dataset screen's order with the split it shows. */
export function planDatasetExport(
  identities: readonly IdentityRecord[],
  images: readonly ImageRecord[],
): PlannedImage[] {
  return summarizeIdentities(identities, images, []).flatMap(({ identity, images: own, parts }) =>
    own.map((image) => ({ image, identity: identity.name, split: parts.get(image.id) ?? 'train' })),
  );
}

async function* readEntries(
  planned: readonly PlannedImage[],
  counts: { missing: number },
): AsyncGenerator<DatasetZipWriteEntry> {
  for (let start = 0; start < planned.length; start += READ_BATCH) {
    const batch = planned.slice(start, start + READ_BATCH);
    const crops = await getCrops(batch.map((p) => p.image.id));
    for (const [i, item] of batch.entries()) {
      const crop = crops[i];
      if (!crop) {
        counts.missing++;
        continue;
      }
      yield {
        identity: item.identity,
        fileName: cropFileName(item.image.sourceName),
        bytes: new Uint8Array(await crop.arrayBuffer()),
        split: item.split,
        captureGroup: item.image.captureGroup,
      };
    }
  }
}

export async function exportDatasetZip(input: DatasetExportInput): Promise<DatasetExportResult> {
  const started = performance.now();
  const planned = planDatasetExport(input.identities, input.images);
  const unsortedLeftOut = input.images.filter((image) => image.identityId === UNSORTED_ID).length;
  const strangersLeftOut = input.images.filter((image) => image.identityId === STRANGERS_ID).length;
  if (planned.length === 0)
    throw new AppError(
      'not-found',
      unsortedLeftOut > 0
        ? `There are no images of people to export yet: the ${unsortedLeftOut} Unsorted images belong to no person. Give them to people on the Dataset screen first.`
        : strangersLeftOut > 0
          ? `There are no images of people to export yet: the ${strangersLeftOut} strangers are never a person and are left out. Add people and images on the Dataset screen first.`
          : 'There are no images to export yet. Add people and images on the Dataset screen first.',
    );
  const counts = { missing: 0 };
  const sink = new BlobParts();
  const writer = writeDatasetZip(readEntries(planned, counts), {
    appVersion: input.appVersion,
    total: planned.length,
    identities: input.identities.map((identity) => identity.name),
    onProgress: input.onProgress,
    signal: input.signal,
  });
  let next = await writer.next();
  while (!next.done) {
    sink.push(next.value);
    next = await writer.next();
  }
  const manifest = next.value;
  return {
    blob: sink.toBlob('application/zip'),
    people: new Set(manifest.images.map((image) => image.identity)).size,
    images: manifest.images.length,
    missing: counts.missing,
    unsortedLeftOut,
    strangersLeftOut,
    seconds: (performance.now() - started) / 1000,
  };
}
