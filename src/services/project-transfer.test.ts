// The project file from the studio's storage and back, on fake IndexedDB: into an empty studio
// everything returns; into a studio that already holds a person and an image, people merge by
// name, the stored image is not doubled, and the run points at the records it now matches.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { resetDatabase } from '../storage/test-utils/reset-database';
import { getEvaluation } from '../storage/evaluation-repo';
import { listIdentities, saveIdentity } from '../storage/identity-repo';
import { getCrops, listImages, saveImages } from '../storage/image-repo';
import type { IdentityRecord, ImageRecord } from '../storage/records';
import type { CheckpointRecord } from '../storage/run-records';
import { getCheckpoint, getRun, listRuns, saveRunWithParts } from '../storage/run-repo';
import { openProjectZip } from '../transfer/project-file';
import { sampleEvaluation, sampleRun } from '../storage/test-utils/run-fixtures';
import { exportProjectFile } from './project-export';
import { importProject } from './project-import';

const people: IdentityRecord[] = [
  { id: 'p1', name: 'Ada', createdAt: 1 },
  { id: 'p2', name: 'Grace', createdAt: 2 },
];

function image(i: number, identityId: string): ImageRecord {
  return {
    id: `i${i}`,
    identityId,
    sourceName: `x/${i}.jpg`,
    hash: `hash${i}`,
    width: 9,
    height: 9,
    format: 'jpeg',
    bytes: 3,
    addedAt: i,
    captureGroup: `g${i}`,
    crop: 'aligned',
  };
}

const checkpoint: CheckpointRecord = {
  runId: 'run_test',
  epoch: 2,
  savedAt: 5,
  state: {
    version: 1,
    step: 6,
    backbone: [{ name: 'w', shape: [3], dtype: 'float32', data: Float32Array.from([1, 2, 3]) }],
    head: [],
    optimizer: [],
  },
};

async function wipe(): Promise<void> {
  await resetDatabase();
}

/** The store's ensureIdentity, reduced to what the merge needs. */
async function identityIdFor(name: string): Promise<{ id: string; created: boolean }> {
  const existing = (await listIdentities()).find((p) => p.name === name);
  if (existing) return { id: existing.id, created: false };
  const id = `new-${name}`;
  await saveIdentity({ id, name, createdAt: 9 });
  return { id, created: true };
}

async function merge(blob: Blob) {
  const project = await openProjectZip(blob);
  return importProject(project, {
    identityIdFor,
    storedImages: await listImages(),
    storedRunIds: new Set((await listRuns()).map((r) => r.id)),
  });
}

describe('project file round trip', () => {
  it('exports the studio and merges it back into an empty and a non-empty studio', async () => {
    for (const person of people) await saveIdentity(person);
    const records = [image(1, 'p1'), image(2, 'p1'), image(3, 'p2')];
    await saveImages(
      records.map((record) => ({
        record,
        crop: new Blob([`crop${record.id}`]),
        thumb: new Blob([`thumb${record.id}`]),
      })),
    );
    const run = sampleRun({
      identities: [
        { id: 'p1', name: 'Ada' },
        { id: 'p2', name: 'Grace' },
      ],
      images: [
        { id: 'i1', label: 0, part: 'train' },
        { id: 'i2', label: 0, part: 'test' },
        { id: 'i3', label: 1, part: 'train' },
      ],
    });
    await saveRunWithParts(run, checkpoint, {
      ...sampleEvaluation(),
      testImageIds: ['i1', 'i3'],
    });

    const exported = await exportProjectFile({
      identities: people,
      images: records,
      settings: { noFacePolicy: 'skip' },
      appVersion: '0.1.0',
    });
    expect(exported).toMatchObject({ people: 2, images: 3, runs: 1 });

    // Empty studio: everything comes back, under the people's new ids.
    await wipe();
    const first = await merge(exported.blob);
    expect(first).toMatchObject({
      peopleCreated: 2,
      imagesAdded: 3,
      imagesSkipped: 0,
      runsAdded: 1,
      runsSkipped: 0,
    });
    const stored = await listImages();
    expect(stored.map((r) => [r.id, r.identityId, r.hash]).sort()).toEqual([
      ['i1', 'new-Ada', 'hash1'],
      ['i2', 'new-Ada', 'hash2'],
      ['i3', 'new-Grace', 'hash3'],
    ]);
    expect(await new Blob([(await getCrops(['i2']))[0] ?? '']).text()).toBe('cropi2');
    expect((await getRun('run_test'))?.identities).toEqual([
      { id: 'new-Ada', name: 'Ada' },
      { id: 'new-Grace', name: 'Grace' },
    ]);
    expect((await getCheckpoint('run_test'))?.state).toEqual(checkpoint.state);
    expect((await getEvaluation('run_test'))?.evaluation).toEqual(sampleEvaluation().evaluation);

    // A studio with Ada and one of her images (under another id): merged, not doubled.
    await wipe();
    await saveIdentity({ id: 'ada-here', name: 'Ada', createdAt: 3 });
    await saveImages([
      {
        record: { ...image(1, 'ada-here'), id: 'mine' },
        crop: new Blob(['x']),
        thumb: new Blob(['y']),
      },
    ]);
    const second = await merge(exported.blob);
    expect(second).toMatchObject({
      peopleCreated: 1,
      imagesAdded: 2,
      imagesSkipped: 1,
      runsAdded: 1,
    });
    expect((await listIdentities()).map((p) => p.id).sort()).toEqual(['ada-here', 'new-Grace']);
    expect(await listImages()).toHaveLength(3);
    expect((await getRun('run_test'))?.identities.map((p) => p.id)).toEqual([
      'ada-here',
      'new-Grace',
    ]);
    expect((await getEvaluation('run_test'))?.testImageIds).toEqual(['mine', 'i3']);
    // The run's own image list follows the images to the ids they have here.
    expect((await getRun('run_test'))?.images?.map((i) => i.id)).toEqual(['mine', 'i2', 'i3']);

    // The same file again: nothing new.
    const third = await merge(exported.blob);
    expect(third).toMatchObject({
      peopleCreated: 0,
      imagesAdded: 0,
      imagesSkipped: 3,
      runsAdded: 0,
      runsSkipped: 1,
    });
    expect(await listImages()).toHaveLength(3);
  });
});
