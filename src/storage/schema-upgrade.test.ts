// Opening a studio stored at schema version 1 or 2 with today's code (version 3): every person,
// image, crop, thumbnail, source photo, run, checkpoint and evaluation is still there, and what
// each version added works on the upgraded database (version 2: the photos store and the images'
// index by source photo; version 3: imported models' files beside their runs).

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, database } from './db';
import { getEvaluation } from './evaluation-repo';
import { listIdentities } from './identity-repo';
import { deleteImages, getCrops, getPhoto, getThumb, listImages, saveImages } from './image-repo';
import { deleteRun, getCheckpoint, getImportedModel, listRuns, saveImportedRun } from './run-repo';
import type { CheckpointRecord, ImportedRunRecord } from './run-records';
import { DB_VERSION, PHOTO_KEY_INDEX } from './schema';
import { imageRecord, storedImage } from './test-utils/image-fixtures';
import { resetDatabase } from './test-utils/reset-database';
import { sampleEvaluation, sampleRun } from './test-utils/run-fixtures';
import { writeVersion1Studio, type Version1Studio } from './test-utils/version-1-layout';
import { writeVersion2Studio, type Version2Studio } from './test-utils/version-2-layout';

const checkpoint: CheckpointRecord = {
  runId: 'run_test',
  epoch: 2,
  savedAt: 3,
  state: {
    version: 1,
    step: 6,
    backbone: [{ name: 'w', shape: [3], dtype: 'float32', data: Float32Array.from([1, 2, 3]) }],
    head: [],
    optimizer: [],
  },
};

function version1Studio(): Version1Studio {
  return {
    identities: [
      { id: 'p1', name: 'Ada', createdAt: 1 },
      { id: 'p2', name: 'Grace', createdAt: 2 },
    ],
    images: ['a', 'b', 'c'].map((id, i) => storedImage(imageRecord(id, i < 2 ? 'p1' : 'p2'))),
    runs: [sampleRun()],
    checkpoints: [checkpoint],
    evaluations: [sampleEvaluation()],
  };
}

const text = (blob: Blob | undefined) => blob?.text();

describe('opening a version-1 studio with schema version 2', () => {
  beforeEach(resetDatabase);
  afterEach(closeDatabase);

  it('keeps every record and adds the photos store and the index by source photo', async () => {
    await writeVersion1Studio(version1Studio());

    const db = await database();
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(3);
    expect([...db.objectStoreNames]).toContain('models');
    expect([...db.objectStoreNames]).toContain('photos');
    expect([...db.transaction('images').store.indexNames]).toEqual([PHOTO_KEY_INDEX]);

    expect((await listIdentities()).map((p) => p.name)).toEqual(['Ada', 'Grace']);
    const images = await listImages();
    expect(images.map((i) => [i.id, i.identityId]).sort()).toEqual([
      ['a', 'p1'],
      ['b', 'p1'],
      ['c', 'p2'],
    ]);
    expect(images.find((i) => i.id === 'a')).toEqual(imageRecord('a', 'p1'));
    expect(await Promise.all((await getCrops(['a', 'b', 'c'])).map(text))).toEqual([
      'crop a',
      'crop b',
      'crop c',
    ]);
    expect(await text(await getThumb('c'))).toBe('thumb c');
    expect((await listRuns()).map((r) => r.id)).toEqual(['run_test']);
    expect(Array.from((await getCheckpoint('run_test'))?.state.backbone[0]?.data ?? [])).toEqual([
      1, 2, 3,
    ]);
    expect((await getEvaluation('run_test'))?.threshold).toBe(sampleEvaluation().threshold);
  });

  it('stores and deletes source photos on the upgraded database, the old images untouched', async () => {
    await writeVersion1Studio(version1Studio());
    const withPhoto = (id: string) => ({
      ...storedImage(imageRecord(id, 'unsorted', { photoKey: 'photo-1' })),
      photo: new Blob(['photo 1']),
    });
    await saveImages([withPhoto('d'), withPhoto('e')]);
    expect(await text(await getPhoto('photo-1'))).toBe('photo 1');
    const db = await database();
    expect(await db.countFromIndex('images', PHOTO_KEY_INDEX, 'photo-1')).toBe(2);

    await deleteImages(['d', 'a']);
    expect(await text(await getPhoto('photo-1'))).toBe('photo 1');
    await deleteImages(['e']);
    expect(await getPhoto('photo-1')).toBeUndefined();
    expect((await listImages()).map((i) => i.id).sort()).toEqual(['b', 'c']);
  });

  it('opens again at the current version without running the upgrade twice', async () => {
    await writeVersion1Studio(version1Studio());
    await saveImages([
      {
        ...storedImage(imageRecord('d', 'p1', { photoKey: 'k' })),
        photo: new Blob(['kept']),
      },
    ]);
    await closeDatabase();
    expect(await listImages()).toHaveLength(4);
    expect(await text(await getPhoto('k'))).toBe('kept');
  });
});

describe('opening a version-2 studio with schema version 3', () => {
  beforeEach(resetDatabase);
  afterEach(closeDatabase);

  const version2Studio = (): Version2Studio => ({
    ...version1Studio(),
    images: [storedImage(imageRecord('a', 'p1', { photoKey: 'photo-a' }))],
    photos: [{ key: 'photo-a', photo: new Blob(['photo a']) }],
  });

  const importedRun: ImportedRunRecord = {
    kind: 'imported',
    id: 'run_imported',
    createdAt: 5,
    updatedAt: 5,
    name: 'arcface-r50',
    spec: {
      format: 'onnx',
      inputName: 'input',
      outputName: 'embedding',
      size: 112,
      range: [-1, 1],
      layout: 'NCHW',
      channels: 'BGR',
      flipAverage: false,
    },
    dim: 512,
    sizeBytes: 7,
    status: 'completed',
  };

  it('keeps every record, and stores and deletes an imported model with its run', async () => {
    await writeVersion2Studio(version2Studio());

    const db = await database();
    expect(db.version).toBe(3);
    expect((await listIdentities()).map((p) => p.name)).toEqual(['Ada', 'Grace']);
    expect((await listImages()).map((i) => i.id)).toEqual(['a']);
    expect(await text(await getPhoto('photo-a'))).toBe('photo a');
    expect(await db.countFromIndex('images', PHOTO_KEY_INDEX, 'photo-a')).toBe(1);
    expect((await listRuns()).map((r) => r.id)).toEqual(['run_test']);
    expect((await getCheckpoint('run_test'))?.epoch).toBe(2);
    expect((await getEvaluation('run_test'))?.threshold).toBe(sampleEvaluation().threshold);

    await saveImportedRun(importedRun, {
      runId: importedRun.id,
      format: 'onnx',
      files: [{ name: 'arcface-r50.onnx', data: new Blob(['weights']) }],
    });
    expect((await listRuns()).map((r) => r.id).sort()).toEqual(['run_imported', 'run_test']);
    expect(await text((await getImportedModel('run_imported'))?.files[0]?.data)).toBe('weights');

    await deleteRun('run_imported');
    expect(await getImportedModel('run_imported')).toBeUndefined();
    expect((await listRuns()).map((r) => r.id)).toEqual(['run_test']);
  });
});
