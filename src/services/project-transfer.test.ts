// The project file from the studio's storage and back, on fake IndexedDB: into an empty studio
// everything returns, Unsorted images and source photos included; into a studio that already
// holds a person and an image, people merge by name, the stored image is not doubled, and the
// run points at the records it now matches. A project file of version 1 opens.
// Strangers come back as strangers, in their capture groups, and never as a person.
import 'fake-indexeddb/auto';
import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../storage/test-utils/reset-database';
import { getEvaluation } from '../storage/evaluation-repo';
import { listIdentities, saveIdentity } from '../storage/identity-repo';
import { getCrops, getPhoto, getThumb, listImages, saveImages } from '../storage/image-repo';
import {
  STRANGERS_ID,
  UNSORTED_ID,
  type IdentityRecord,
  type ImageRecord,
} from '../storage/records';
import type { CheckpointRecord } from '../storage/run-records';
import { getCheckpoint, getRun, listRuns, saveRunWithParts } from '../storage/run-repo';
import { openProjectZip } from '../transfer/project-file';
import {
  PROJECT_INDEX_NAME,
  PROJECT_MARKER_NAME,
  PROJECT_MARKER_TEXT,
} from '../transfer/project-index';
import { asTrained, sampleEvaluation, sampleRun } from '../storage/test-utils/run-fixtures';
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
    expect(asTrained(await getRun('run_test'))?.identities).toEqual([
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
    expect(asTrained(await getRun('run_test'))?.identities.map((p) => p.id)).toEqual([
      'ada-here',
      'new-Grace',
    ]);
    expect((await getEvaluation('run_test'))?.testImageIds).toEqual(['mine', 'i3']);
    // The run's own image list follows the images to the ids they have here.
    expect(asTrained(await getRun('run_test'))?.images?.map((i) => i.id)).toEqual([
      'mine',
      'i2',
      'i3',
    ]);

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

describe('project file with Unsorted images and source photos', () => {
  beforeEach(wipe);

  /** Face `faceIndex` of group photo "party" in Unsorted, and Ada's solo photo. */
  const unsortedFace = (faceIndex: number): ImageRecord => ({
    ...image(10 + faceIndex, UNSORTED_ID),
    sourceName: 'party.jpg',
    hash: 'party-hash',
    captureGroup: 'g-party',
    facesFound: 2,
    faceIndex,
    faceBox: { x: 10 + 100 * faceIndex, y: 20, width: 80, height: 80 },
    photoKey: 'party-hash',
  });
  const solo: ImageRecord = { ...image(20, 'p1'), photoKey: 'solo-hash', facesFound: 1 };
  const stored = (record: ImageRecord) => ({
    record,
    crop: new Blob([`crop${record.id}`]),
    thumb: new Blob([`thumb${record.id}`]),
    photo: new Blob([`photo ${record.photoKey ?? ''}`]),
  });

  it('keeps every Unsorted face, its box and its photo through a round trip, and merges once', async () => {
    await saveIdentity(people[0] as IdentityRecord);
    const records = [unsortedFace(0), unsortedFace(1), solo];
    await saveImages(records.map(stored));
    const exported = await exportProjectFile({
      identities: [people[0] as IdentityRecord],
      images: records,
      settings: {},
      appVersion: '0.2.0',
    });
    expect(exported).toMatchObject({ people: 1, images: 3, unsorted: 2, photos: 2, runs: 0 });

    await wipe();
    expect(await merge(exported.blob)).toMatchObject({ imagesAdded: 3, imagesSkipped: 0 });
    const back = await listImages();
    const byId = new Map(back.map((r) => [r.id, r]));
    expect(byId.get('i10')).toEqual(unsortedFace(0));
    expect(byId.get('i11')).toEqual(unsortedFace(1));
    expect(byId.get('i20')?.identityId).toBe('new-Ada');
    expect(await (await getPhoto('party-hash'))?.text()).toBe('photo party-hash');
    expect(await (await getPhoto('solo-hash'))?.text()).toBe('photo solo-hash');
    expect(await (await getThumb('i11'))?.text()).toBe('thumbi11');

    // Again: the two faces of one file are two images, each already here, not one.
    expect(await merge(exported.blob)).toMatchObject({ imagesAdded: 0, imagesSkipped: 3 });
    expect(await listImages()).toHaveLength(3);
  });

  it('opens a project file written by version 1 (no photos, no Unsorted)', async () => {
    // As project-file.ts wrote it before version 2: the marker, each image's crop and
    // thumbnail stored, then project.json.
    const record = image(1, 'p1');
    const index = {
      format: 'face-studio-project',
      version: 1,
      appVersion: '0.1.0',
      createdAt: '2026-01-01T00:00:00.000Z',
      settings: { noFacePolicy: 'centre' },
      identities: [people[0]],
      images: [
        { record, crop: 'images/i1/crop.jpg', thumb: 'images/i1/thumb.jpg' },
        { record: image(2, 'p1'), crop: 'images/i2/crop.jpg' },
      ],
      runs: [],
    };
    const zip = zipSync({
      [PROJECT_MARKER_NAME]: strToU8(PROJECT_MARKER_TEXT),
      'images/i1/crop.jpg': [strToU8('crop one'), { level: 0 }],
      'images/i1/thumb.jpg': [strToU8('thumb one'), { level: 0 }],
      'images/i2/crop.jpg': [strToU8('crop two'), { level: 0 }],
      [PROJECT_INDEX_NAME]: strToU8(JSON.stringify(index)),
    });
    const summary = await merge(new Blob([zip]));
    expect(summary).toMatchObject({ people: 1, peopleCreated: 1, imagesAdded: 2 });
    const back = await listImages();
    expect(back.map((r) => [r.id, r.identityId, r.photoKey]).sort()).toEqual([
      ['i1', 'new-Ada', undefined],
      ['i2', 'new-Ada', undefined],
    ]);
    expect(await new Blob([(await getCrops(['i2']))[0] ?? '']).text()).toBe('crop two');
    // Without its own thumbnail, an image shows its crop.
    expect(await (await getThumb('i2'))?.text()).toBe('crop two');
  });
});

describe('project file with strangers', () => {
  beforeEach(wipe);

  /** Photo `k` of stranger Bob (one folder: one capture group), and a loose stranger. */
  const bob = (k: number): ImageRecord => ({
    ...image(30 + k, STRANGERS_ID),
    sourceName: `Bob/${k}.jpg`,
    captureGroup: 'stranger:Bob',
    photoKey: `bob-${k}`,
  });
  const loose: ImageRecord = { ...image(40, STRANGERS_ID), sourceName: 'someone.jpg' };

  it('keeps strangers through a round trip, in their groups, and makes no person of them', async () => {
    await saveIdentity(people[0] as IdentityRecord);
    const records = [bob(1), bob(2), loose, image(1, 'p1')];
    await saveImages(
      records.map((record) => ({
        record,
        crop: new Blob([`crop${record.id}`]),
        thumb: new Blob([`thumb${record.id}`]),
        ...(record.photoKey && { photo: new Blob([`photo ${record.photoKey}`]) }),
      })),
    );
    const exported = await exportProjectFile({
      identities: [people[0] as IdentityRecord],
      images: records,
      settings: {},
      appVersion: '0.3.0',
    });
    expect(exported).toMatchObject({ people: 1, images: 4, unsorted: 0, strangers: 3 });

    await wipe();
    expect(await merge(exported.blob)).toMatchObject({
      people: 1,
      peopleCreated: 1,
      imagesAdded: 4,
    });
    expect((await listIdentities()).map((p) => p.name)).toEqual(['Ada']);
    const back = new Map((await listImages()).map((r) => [r.id, r]));
    expect(back.get('i31')).toEqual(bob(1));
    expect(back.get('i32')).toEqual(bob(2));
    expect(back.get('i40')).toEqual(loose);
    expect(back.get('i1')?.identityId).toBe('new-Ada');
    expect(await (await getPhoto('bob-2'))?.text()).toBe('photo bob-2');

    // Into a studio that has a person called "Strangers": the strangers stay strangers.
    await wipe();
    await saveIdentity({ id: 'person-s', name: 'Strangers', createdAt: 1 });
    await merge(exported.blob);
    const again = await listImages();
    expect(again.filter((r) => r.identityId === STRANGERS_ID)).toHaveLength(3);
    expect(again.filter((r) => r.identityId === 'person-s')).toHaveLength(0);
  });

  it('refuses a file whose person claims the id of Strangers or Unsorted', async () => {
    for (const id of [STRANGERS_ID, UNSORTED_ID]) {
      const index = {
        format: 'face-studio-project',
        version: 2,
        appVersion: '0.3.0',
        createdAt: '2026-01-01T00:00:00.000Z',
        settings: {},
        identities: [{ id, name: 'strangers', createdAt: 1 }],
        images: [{ record: image(1, id), crop: 'images/i1/crop.jpg' }],
        runs: [],
      };
      const zip = zipSync({
        [PROJECT_MARKER_NAME]: strToU8(PROJECT_MARKER_TEXT),
        'images/i1/crop.jpg': [strToU8('crop one'), { level: 0 }],
        [PROJECT_INDEX_NAME]: strToU8(JSON.stringify(index)),
      });
      await expect(merge(new Blob([zip]))).rejects.toThrow(
        new RegExp(`identities\\[0\\] has the id "${id}"`),
      );
    }
    expect(await listIdentities()).toEqual([]);
    expect(await listImages()).toEqual([]);
  });
});
