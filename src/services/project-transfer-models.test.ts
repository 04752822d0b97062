// Imported models through a project file, from the studio's storage and back on fake IndexedDB:
// a studio with a trained run and an imported model comes back whole in an empty studio (the
// model's files byte for byte, its record and evaluation), the evaluation's test images follow
// the images to their ids here, and a run already here is skipped. A file of the previous
// version (2) still opens; a file with a bad `model` field is refused and nothing is stored.
import 'fake-indexeddb/auto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { getEvaluation } from '../storage/evaluation-repo';
import { listIdentities, saveIdentity } from '../storage/identity-repo';
import { getCrops, getPhoto, listImages, saveImages } from '../storage/image-repo';
import { STRANGERS_ID, UNSORTED_ID, type ImageRecord } from '../storage/records';
import type { CheckpointRecord, StoredEvaluation } from '../storage/run-records';
import {
  getCheckpoint,
  getImportedModel,
  getRun,
  listRuns,
  saveImportedRun,
  saveRunWithParts,
} from '../storage/run-repo';
import { imageRecord, storedImage } from '../storage/test-utils/image-fixtures';
import { resetDatabase } from '../storage/test-utils/reset-database';
import {
  asTrained,
  sampleEvaluation,
  sampleImportedModel,
  sampleImportedRun,
  sampleModelBytes,
  sampleRun,
} from '../storage/test-utils/run-fixtures';
import { openProjectZip } from '../transfer/project-file';
import {
  PROJECT_INDEX_NAME,
  PROJECT_MARKER_NAME,
  PROJECT_MARKER_TEXT,
} from '../transfer/project-index';
import { encodeTyped, type BinaryPart } from '../transfer/typed-json';
import { exportProjectFile } from './project-export';
import { importProject } from './project-import';

const ada = { id: 'p1', name: 'Ada', createdAt: 1 };
const records: ImageRecord[] = [
  imageRecord('i1', 'p1'),
  imageRecord('i2', 'p1'),
  imageRecord('s1', STRANGERS_ID),
];
const checkpoint: CheckpointRecord = {
  runId: 'run_test',
  epoch: 2,
  savedAt: 5,
  state: { version: 1, step: 6, backbone: [], head: [], optimizer: [] },
};
const imported = sampleImportedRun();
const importedEvaluation: StoredEvaluation = {
  ...sampleEvaluation(),
  runId: imported.id,
  identities: ['Ada'],
  testImageIds: ['i1', 'i2'],
  testStrangerIds: ['s1'],
};

async function identityIdFor(name: string): Promise<{ id: string; created: boolean }> {
  const existing = (await listIdentities()).find((p) => p.name === name);
  if (existing) return { id: existing.id, created: false };
  await saveIdentity({ id: `new-${name}`, name, createdAt: 9 });
  return { id: `new-${name}`, created: true };
}

async function merge(file: Blob | Uint8Array) {
  const project = await openProjectZip(file);
  return importProject(project, {
    identityIdFor,
    storedImages: await listImages(),
    storedRunIds: new Set((await listRuns()).map((r) => r.id)),
  });
}

/** A studio with Ada, two of her images, a stranger, a trained run and an imported model. */
async function saveStudio(): Promise<Blob> {
  await saveIdentity(ada);
  await saveImages(records.map(storedImage));
  await saveRunWithParts(sampleRun({ identities: [{ id: 'p1', name: 'Ada' }] }), checkpoint, {
    ...sampleEvaluation(),
    testImageIds: ['i2'],
  });
  await saveImportedRun(imported, sampleImportedModel(), importedEvaluation);
  const exported = await exportProjectFile({
    identities: [ada],
    images: records,
    settings: {},
    appVersion: '0.4.0',
  });
  expect(exported).toMatchObject({ people: 1, images: 3, runs: 2, importedModels: 1 });
  return exported.blob;
}

async function modelBytes(runId: string): Promise<Map<string, Uint8Array>> {
  const model = await getImportedModel(runId);
  const files = await Promise.all(
    (model?.files ?? []).map(
      async (f) => [f.name, new Uint8Array(await f.data.arrayBuffer())] as const,
    ),
  );
  return new Map(files);
}

describe('project file with an imported model', () => {
  beforeEach(resetDatabase);

  it('brings back a trained run and an imported model whole, into an empty studio and again', async () => {
    const blob = await saveStudio();

    await resetDatabase();
    expect(await merge(blob)).toMatchObject({ imagesAdded: 3, runsAdded: 2, runsSkipped: 0 });
    expect(await getRun(imported.id)).toEqual(imported);
    expect((await getImportedModel(imported.id))?.format).toBe('tfjs');
    expect(await modelBytes(imported.id)).toEqual(sampleModelBytes());
    expect(await getEvaluation(imported.id)).toEqual(importedEvaluation);
    // The trained run as before, with its checkpoint; it has no model files.
    expect(asTrained(await getRun('run_test'))?.identities).toEqual([
      { id: 'new-Ada', name: 'Ada' },
    ]);
    expect((await getCheckpoint('run_test'))?.epoch).toBe(2);
    expect(await getImportedModel('run_test')).toBeUndefined();

    // A studio holding Ada's first image and the stranger under other ids: the evaluation's
    // test images and strangers point at them.
    await resetDatabase();
    await saveImages([
      storedImage({ ...records[0]!, id: 'mine' }),
      storedImage({ ...records[2]!, id: 'their-stranger' }),
    ]);
    expect(await merge(blob)).toMatchObject({ imagesAdded: 1, imagesSkipped: 2, runsAdded: 2 });
    const evaluation = await getEvaluation(imported.id);
    expect(evaluation?.testImageIds).toEqual(['mine', 'i2']);
    expect(evaluation?.testStrangerIds).toEqual(['their-stranger']);
    expect(await getRun(imported.id)).toEqual(imported);

    // The same file again: both runs are here already and stay as they are.
    expect(await merge(blob)).toMatchObject({ runsAdded: 0, runsSkipped: 2 });
    expect(await listRuns()).toHaveLength(2);
    expect(await modelBytes(imported.id)).toEqual(sampleModelBytes());
  });

  it('refuses a file whose model field is bad, storing nothing', async () => {
    const files = unzipSync(new Uint8Array(await (await saveStudio()).arrayBuffer()));
    await resetDatabase();
    /** The file with the imported run's index entry changed. */
    const edited = (change: (entry: Record<string, unknown>) => void) => {
      const index = JSON.parse(new TextDecoder().decode(files[PROJECT_INDEX_NAME])) as {
        runs: Record<string, unknown>[];
      };
      const entry = index.runs.find((run) => run.id === imported.id);
      if (!entry?.model) throw new Error('the imported run was written without its model');
      change(entry);
      return zipSync({ ...files, [PROJECT_INDEX_NAME]: strToU8(JSON.stringify(index)) });
    };
    const refusals: [Uint8Array, RegExp][] = [
      [
        edited((entry) => (entry.model = { ...(entry.model as object), format: 'pt' })),
        /runs\[\d\]\.model\.format must be "onnx" or "tfjs"/,
      ],
      [
        edited((entry) => delete entry.model),
        /run run_imported is an imported model, but its model files are not listed/,
      ],
    ];
    for (const [file, reason] of refusals) {
      const error: unknown = await merge(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('invalid-project');
      expect((error as AppError).message).toMatch(reason);
    }
    expect(await listIdentities()).toEqual([]);
    expect(await listImages()).toEqual([]);
    expect(await listRuns()).toEqual([]);
    expect(await getImportedModel(imported.id)).toBeUndefined();
  });

  it('opens a project file written by the previous version (2: no imported models)', async () => {
    // As project-file.ts wrote it before version 3: typed-JSON runs, Unsorted images and photos.
    const run = sampleRun({ identities: [{ id: 'p1', name: 'Ada' }] });
    const parts: BinaryPart[] = [];
    const runJson = encodeTyped(run, 'runs/run_test/run-', parts);
    const evaluationJson = encodeTyped(
      { ...sampleEvaluation(), testImageIds: ['i1'] },
      'runs/run_test/evaluation-',
      parts,
    );
    const unsorted = imageRecord('u1', UNSORTED_ID, { photoKey: 'party' });
    const index = {
      format: 'face-studio-project',
      version: 2,
      appVersion: '0.3.0',
      createdAt: '2026-01-01T00:00:00.000Z',
      settings: {},
      identities: [ada],
      images: [
        { record: records[0], crop: 'images/i1/crop.jpg' },
        { record: unsorted, crop: 'images/u1/crop.jpg', photo: 'photos/1.jpg' },
      ],
      runs: [
        {
          id: 'run_test',
          run: 'runs/run_test/run.json',
          evaluation: 'runs/run_test/evaluation.json',
        },
      ],
    };
    const zip = zipSync({
      [PROJECT_MARKER_NAME]: strToU8(PROJECT_MARKER_TEXT),
      'images/i1/crop.jpg': [strToU8('crop one'), { level: 0 }],
      'images/u1/crop.jpg': [strToU8('crop unsorted'), { level: 0 }],
      'photos/1.jpg': [strToU8('photo party'), { level: 0 }],
      ...Object.fromEntries(parts.map((part) => [part.path, part.bytes])),
      'runs/run_test/run.json': strToU8(JSON.stringify(runJson)),
      'runs/run_test/evaluation.json': strToU8(JSON.stringify(evaluationJson)),
      [PROJECT_INDEX_NAME]: strToU8(JSON.stringify(index)),
    });
    expect(await merge(zip)).toMatchObject({ peopleCreated: 1, imagesAdded: 2, runsAdded: 1 });
    expect(await new Blob([(await getCrops(['u1']))[0] ?? '']).text()).toBe('crop unsorted');
    expect(await (await getPhoto('party'))?.text()).toBe('photo party');
    expect(asTrained(await getRun('run_test'))?.identities).toEqual([
      { id: 'new-Ada', name: 'Ada' },
    ]);
    expect((await getEvaluation('run_test'))?.evaluation).toEqual(sampleEvaluation().evaluation);
    expect(await getImportedModel('run_test')).toBeUndefined();
  });
});
