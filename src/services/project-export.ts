// Saves the whole studio as one project file: people, images (stored crops and thumbnails, the
// Unsorted ones and strangers too) with their source photos, trained runs with their checkpoints,
// imported models with their files, the runs' evaluations, and the settings, streamed from
// IndexedDB one image or run at a time into a Blob built in parts.

import { getEvaluation } from '../storage/evaluation-repo';
import { getCrops, getPhoto, getThumb } from '../storage/image-repo';
import {
  STRANGERS_ID,
  UNSORTED_ID,
  type IdentityRecord,
  type ImageRecord,
} from '../storage/records';
import { getCheckpoint, getImportedModel, listRuns } from '../storage/run-repo';
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
  /** Runs written, imported models included. */
  runs: number;
  /** Of those, imported models (with their files). */
  importedModels: number;
  seconds: number;
}

export async function exportProjectFile(input: ProjectExportInput): Promise<ProjectExportResult> {
  const started = performance.now();
  const runs = await listRuns();
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
      model: getImportedModel,
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
    importedModels: index.runs.filter((run) => run.model !== undefined).length,
    seconds: (performance.now() - started) / 1000,
  };
}
