// Opening a studio stored at schema version 1 with today's code (version 2): every person,
// image, crop, thumbnail, run, checkpoint and evaluation is still there, and the new photos
// store and the images' index by source photo work on the upgraded database.

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, database } from './db';
import { getEvaluation } from './evaluation-repo';
import { listIdentities } from './identity-repo';
import { deleteImages, getCrops, getPhoto, getThumb, listImages, saveImages } from './image-repo';
import { getCheckpoint, listRuns } from './run-repo';
import type { CheckpointRecord } from './run-records';
import { DB_VERSION, PHOTO_KEY_INDEX } from './schema';
import { imageRecord, storedImage } from './test-utils/image-fixtures';
import { resetDatabase } from './test-utils/reset-database';
import { sampleEvaluation, sampleRun } from './test-utils/run-fixtures';
import { writeVersion1Studio, type Version1Studio } from './test-utils/version-1-layout';

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
    expect(DB_VERSION).toBe(2);
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

  it('opens again at version 2 without running the upgrade twice', async () => {
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
