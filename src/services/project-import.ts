// Merges a project file into the studio, empty or not: people are matched by name (created when
// new), Unsorted images stay Unsorted and strangers stay strangers (never a person), images already stored (the same face of the same file:
// hash and face index) are skipped, new ones come with their source photos, and runs already
// present (same id) are kept as they are; new runs come with their checkpoints or model files and
// their evaluations (project-run-import.ts). The file was checked whole before this runs;
// version 1 files (no photos, no Unsorted) and version 2 files (no imported models) merge the
// same way.

import { newId } from '../lib/ids';
import { addImages } from './add-images';
import type { ImageRecord, StoredImage } from '../storage/records';
import type { OpenedProject } from '../transfer/project-file';
import { restoreProjectRun } from './project-run-import';

const BATCH = 32;

/**
 * Which face of which file an image is: the crops of one group photo share the file's hash and
 * differ by face index; a photo filed under a person kept its largest face, index 0.
 */
export function sameFaceKey(record: ImageRecord): string {
  return `${record.hash}#${record.faceIndex ?? 0}`;
}

export interface ProjectImportDeps {
  /** The id of the person with this name, created if there is none. */
  identityIdFor(name: string): Promise<{ id: string; created: boolean }>;
  storedImages: readonly ImageRecord[];
  storedRunIds: ReadonlySet<string>;
  onProgress?: (done: number, total: number) => void;
}

export interface ProjectImportSummary {
  people: number;
  peopleCreated: number;
  imagesAdded: number;
  imagesSkipped: number;
  runsAdded: number;
  runsSkipped: number;
  seconds: number;
}

export async function importProject(
  project: OpenedProject,
  deps: ProjectImportDeps,
): Promise<ProjectImportSummary> {
  const started = performance.now();
  const { index } = project;
  const total = index.images.length + index.runs.length;
  let done = 0;
  const step = () => deps.onProgress?.(++done, total);

  const personIds = new Map<string, string>();
  let peopleCreated = 0;
  for (const identity of index.identities) {
    const { id, created } = await deps.identityIdFor(identity.name);
    personIds.set(identity.id, id);
    if (created) peopleCreated++;
  }

  const byFace = new Map(deps.storedImages.map((image) => [sameFaceKey(image), image.id]));
  const usedIds = new Set(deps.storedImages.map((image) => image.id));
  const imageIds = new Map<string, string>();
  let imagesSkipped = 0;
  let batch: StoredImage[] = [];
  // The photos read for this batch, by entry: crops of one photo share one read.
  let photos = new Map<string, Blob>();
  const photoOf = async (path: string): Promise<Blob> => {
    let photo = photos.get(path);
    if (!photo) {
      photo = new Blob([(await project.read(path)) as Uint8Array<ArrayBuffer>], {
        type: 'image/jpeg',
      });
      photos.set(path, photo);
    }
    return photo;
  };
  for (const image of index.images) {
    const face = sameFaceKey(image.record);
    const known = byFace.get(face);
    if (known !== undefined) {
      imageIds.set(image.record.id, known);
      imagesSkipped++;
    } else {
      const id = usedIds.has(image.record.id) ? newId('img') : image.record.id;
      const crop = new Blob([(await project.read(image.crop)) as Uint8Array<ArrayBuffer>], {
        type: 'image/jpeg',
      });
      const thumb = image.thumb
        ? new Blob([(await project.read(image.thumb)) as Uint8Array<ArrayBuffer>], {
            type: 'image/jpeg',
          })
        : crop;
      // Unsorted and Strangers are no listed person (the index refuses a person with their id),
      // so their images keep UNSORTED_ID and STRANGERS_ID.
      const identityId = personIds.get(image.record.identityId) ?? image.record.identityId;
      const record = { ...image.record, id, identityId };
      batch.push({
        record,
        crop,
        thumb,
        ...(image.photo && record.photoKey !== undefined && { photo: await photoOf(image.photo) }),
      });
      imageIds.set(image.record.id, id);
      byFace.set(face, id);
      usedIds.add(id);
    }
    if (batch.length >= BATCH) {
      await addImages(batch);
      batch = [];
      photos = new Map();
    }
    step();
  }
  await addImages(batch);

  let runsAdded = 0;
  let runsSkipped = 0;
  const ids = { people: personIds, images: imageIds };
  for (const entry of index.runs) {
    if (deps.storedRunIds.has(entry.id)) {
      runsSkipped++;
    } else {
      await restoreProjectRun(project, entry, ids);
      runsAdded++;
    }
    step();
  }
  return {
    people: index.identities.length,
    peopleCreated,
    imagesAdded: index.images.length - imagesSkipped,
    imagesSkipped,
    runsAdded,
    runsSkipped,
    seconds: (performance.now() - started) / 1000,
  };
}
