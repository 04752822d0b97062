// Owns storing one run of a project file in the studio: a trained run with its checkpoint, or an
// imported model with its files, each with its evaluation, all in one transaction; the run's
// people and images, and its evaluation's test images and strangers, pointed at the ids the
// records have here. An imported run has no people or images of its own. The file was checked
// whole before this runs (an imported run without its model files was refused then).

import { AppError } from '../lib/errors';
import type { StoredEvaluation } from '../storage/evaluation-repo';
import {
  isImportedRun,
  type CheckpointRecord,
  type ImportedModelRecord,
  type RunRecord,
} from '../storage/run-records';
import { saveImportedRun, saveRunWithParts } from '../storage/run-repo';
import type { OpenedProject } from '../transfer/project-file';
import type { ProjectRun } from '../transfer/project-index';

/** The ids the file's people and images have in this studio (absent: unchanged). */
export interface StudioIds {
  people: ReadonlyMap<string, string>;
  images: ReadonlyMap<string, string>;
}

function remapEvaluation(
  evaluation: StoredEvaluation,
  runId: string,
  ids: StudioIds,
): StoredEvaluation {
  const imageId = (id: string) => ids.images.get(id) ?? id;
  return {
    ...evaluation,
    runId,
    testImageIds: evaluation.testImageIds.map(imageId),
    ...(evaluation.testStrangerIds && {
      testStrangerIds: evaluation.testStrangerIds.map(imageId),
    }),
  };
}

async function readModel(project: OpenedProject, entry: ProjectRun): Promise<ImportedModelRecord> {
  if (!entry.model)
    throw new AppError(
      'invalid-project',
      `The project file is damaged: run ${entry.id} is an imported model, but its model files are not listed.`,
    );
  const files: ImportedModelRecord['files'] = [];
  for (const file of entry.model.files)
    files.push({
      name: file.name,
      data: new Blob([(await project.read(file.path)) as Uint8Array<ArrayBuffer>]),
    });
  return { runId: entry.id, format: entry.model.format, files };
}

/** Stores the run of `entry` with its parts, all or nothing. */
export async function restoreProjectRun(
  project: OpenedProject,
  entry: ProjectRun,
  ids: StudioIds,
): Promise<void> {
  const run = (await project.readTyped(entry.run)) as RunRecord;
  const stored = entry.evaluation
    ? ((await project.readTyped(entry.evaluation)) as StoredEvaluation)
    : undefined;
  const evaluation = stored && remapEvaluation(stored, entry.id, ids);
  if (isImportedRun(run)) {
    await saveImportedRun({ ...run, id: entry.id }, await readModel(project, entry), evaluation);
    return;
  }
  const checkpoint = entry.checkpoint
    ? ((await project.readTyped(entry.checkpoint)) as CheckpointRecord)
    : undefined;
  await saveRunWithParts(
    {
      ...run,
      id: entry.id,
      identities: run.identities.map((p) => ({ id: ids.people.get(p.id) ?? p.id, name: p.name })),
      ...(run.images && {
        images: run.images.map((image) => ({ ...image, id: ids.images.get(image.id) ?? image.id })),
      }),
    },
    checkpoint && { ...checkpoint, runId: entry.id },
    evaluation,
  );
}
