// Saves the whole studio as one project file: people, images (stored crops and thumbnails, the
// Unsorted ones and strangers too) with their source photos, runs with their checkpoints and evaluations, and
// the settings, streamed from IndexedDB one image or run at a time into a Blob built in parts.

import { getEvaluation } from '../storage/evaluation-repo';
import { getCrops, getPhoto, getThumb } from '../storage/image-repo';
import {
  STRANGERS_ID,
  UNSORTED_ID,
  type IdentityRecord,
  type ImageRecord,
} from '../storage/records';
import { getCheckpoint, listRuns } from '../storage/run-repo';
import { isTrainedRun } from '../storage/run-records';
import type { ProjectSettings } from '../transfer/project-index';
import { writeProjectZip } from '../transfer/project-file';
import { BlobParts } from './blob-parts';

export interface ProjectExportInput {
  identities: readonly IdentityRecord[];
  images: readonly ImageRecord[];
  settings: ProjectSettings;
  appVersion: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ProjectExportResult {
  blob: Blob;
  people: number;
  /** Images written, the Unsorted ones and strangers included. */
  images: number;
  /** Of those, Unsorted. */
  unsorted: number;
  /** Of those, strangers. */
  strangers: number;
  /** Source photos written (each once). */
  photos: number;
  runs: number;
  /** Imported models, which the project file does not hold (their files are kept apart). */
  importedLeftOut: number;
  seconds: number;
}

export async function exportProjectFile(input: ProjectExportInput): Promise<ProjectExportResult> {
  const started = performance.now();
  const stored = await listRuns();
  const runs = stored.filter(isTrainedRun);
  const sink = new BlobParts();
  const writer = writeProjectZip(
    {
      identities: input.identities,
      images: input.images,
      runs,
      settings: input.settings,
      crop: async (id) => (await getCrops([id]))[0],
      thumb: getThumb,
      photo: getPhoto,
      checkpoint: getCheckpoint,
      evaluation: getEvaluation,
    },
    { appVersion: input.appVersion, onProgress: input.onProgress, signal: input.signal },
  );
  let next = await writer.next();
  while (!next.done) {
    sink.push(next.value);
    next = await writer.next();
  }
  const index = next.value;
  return {
    blob: sink.toBlob('application/zip'),
    people: index.identities.length,
    images: index.images.length,
    unsorted: index.images.filter((image) => image.record.identityId === UNSORTED_ID).length,
    strangers: index.images.filter((image) => image.record.identityId === STRANGERS_ID).length,
    photos: new Set(index.images.flatMap((image) => image.photo ?? [])).size,
    runs: index.runs.length,
    importedLeftOut: stored.length - runs.length,
    seconds: (performance.now() - started) / 1000,
  };
}
