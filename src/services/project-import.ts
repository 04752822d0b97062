// Merges a project file into the studio, empty or not: people are matched by name (created when
// new), images already stored (same hash) are skipped, and runs already present (same id) are
// kept as they are; new runs come with their checkpoints and evaluations, their people and test
// images pointed at the records they now match. The file was checked whole before this runs.

import { newId } from '../lib/ids';
import type { StoredEvaluation } from '../storage/evaluation-repo';
import { addImages } from './add-images';
import type { ImageRecord, StoredImage } from '../storage/records';
import type { CheckpointRecord, RunRecord } from '../storage/run-records';
import { saveRunWithParts } from '../storage/run-repo';
import type { OpenedProject } from '../transfer/project-file';

const BATCH = 32;

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

  const byHash = new Map(deps.storedImages.map((image) => [image.hash, image.id]));
  const usedIds = new Set(deps.storedImages.map((image) => image.id));
  const imageIds = new Map<string, string>();
  let imagesSkipped = 0;
  let batch: StoredImage[] = [];
  for (const image of index.images) {
    const known = byHash.get(image.record.hash);
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
      const identityId = personIds.get(image.record.identityId) ?? image.record.identityId;
      batch.push({ record: { ...image.record, id, identityId }, crop, thumb });
      imageIds.set(image.record.id, id);
      byHash.set(image.record.hash, id);
      usedIds.add(id);
    }
    if (batch.length >= BATCH) {
      await addImages(batch);
      batch = [];
    }
    step();
  }
  await addImages(batch);

  let runsAdded = 0;
  let runsSkipped = 0;
  for (const entry of index.runs) {
    if (deps.storedRunIds.has(entry.id)) {
      runsSkipped++;
      step();
      continue;
    }
    const run = (await project.readTyped(entry.run)) as RunRecord;
    const checkpoint = entry.checkpoint
      ? ((await project.readTyped(entry.checkpoint)) as CheckpointRecord)
      : undefined;
    const evaluation = entry.evaluation
      ? ((await project.readTyped(entry.evaluation)) as StoredEvaluation)
      : undefined;
    // The run, its checkpoint and its evaluation are stored together or not at all.
    await saveRunWithParts(
      {
        ...run,
        id: entry.id,
        identities: run.identities.map((p) => ({ id: personIds.get(p.id) ?? p.id, name: p.name })),
        ...(run.images && {
          images: run.images.map((image) => ({ ...image, id: imageIds.get(image.id) ?? image.id })),
        }),
      },
      checkpoint && { ...checkpoint, runId: entry.id },
      evaluation && {
        ...evaluation,
        runId: entry.id,
        testImageIds: evaluation.testImageIds.map((id) => imageIds.get(id) ?? id),
      },
    );
    runsAdded++;
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
