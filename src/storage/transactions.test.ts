// Writes that belong together land together: a batch of images with one value IndexedDB
// cannot store leaves no crop, thumbnail or record of the others; deleting a person takes
// their images' blobs with them; a checkpoint and its run record are saved as a pair.

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { database } from './db';
import {
  deleteIdentityWithImages,
  listIdentities,
  mergeIdentityInto,
  saveIdentity,
} from './identity-repo';
import { getCrops, getThumb, listImages, saveImages } from './image-repo';
import { getCheckpoint, getRun, saveCheckpointWithRun, saveRun } from './run-repo';
import type { CheckpointRecord } from './run-records';
import { imageRecord, storedImage } from './test-utils/image-fixtures';
import { resetDatabase } from './test-utils/reset-database';
import { sampleRun } from './test-utils/run-fixtures';

const stored = (id: string) => storedImage(imageRecord(id, 'p1'));

const checkpoint = (epoch: number): CheckpointRecord => ({
  runId: 'run_test',
  epoch,
  savedAt: epoch,
  state: { version: 1, step: epoch * 3, backbone: [], head: [], optimizer: [] },
});

const counts = async () => {
  const db = await database();
  return Promise.all((['images', 'crops', 'thumbs'] as const).map((s) => db.count(s)));
};

describe('storage transactions', () => {
  beforeEach(resetDatabase);
  afterEach(resetDatabase);

  it('stores a batch of images whole, or nothing of it', async () => {
    await saveImages([stored('a'), stored('b')]);
    expect(await counts()).toEqual([2, 2, 2]);

    // A function cannot be cloned into IndexedDB: the third image's record fails mid-batch.
    const bad = stored('d');
    (bad.record as unknown as { extra: unknown }).extra = () => 0;
    await expect(saveImages([stored('c'), bad, stored('e')])).rejects.toThrow();
    expect(await counts()).toEqual([2, 2, 2]);
    expect((await listImages()).map((i) => i.id).sort()).toEqual(['a', 'b']);
    expect(await getThumb('c')).toBeUndefined();
  });

  it('deletes a person with their images, crops and thumbnails', async () => {
    await saveIdentity({ id: 'p1', name: 'Ada', createdAt: 1 });
    await saveIdentity({ id: 'p2', name: 'Grace', createdAt: 2 });
    await saveImages([stored('a'), stored('b'), stored('c')]);
    await deleteIdentityWithImages('p1', ['a', 'b']);
    expect((await listIdentities()).map((p) => p.name)).toEqual(['Grace']);
    expect(await counts()).toEqual([1, 1, 1]);
    expect(await getCrops(['a', 'c']).then((c) => c.map(Boolean))).toEqual([false, true]);
  });

  it('merges a person into another: images relabelled and the person gone, or neither', async () => {
    await saveIdentity({ id: 'p1', name: 'Ada', createdAt: 1 });
    await saveIdentity({ id: 'p2', name: 'Grace', createdAt: 2 });
    await saveImages([stored('a'), stored('b')]);
    const relabelled = (await listImages()).map((r) => ({ ...r, identityId: 'p2' }));
    const unstorable = [relabelled[0]!, { ...relabelled[1]!, extra: () => 0 }];
    await expect(mergeIdentityInto('p1', unstorable)).rejects.toThrow();
    expect((await listIdentities()).map((p) => p.name)).toEqual(['Ada', 'Grace']);
    expect(new Set((await listImages()).map((r) => r.identityId))).toEqual(new Set(['p1']));

    await mergeIdentityInto('p1', relabelled);
    expect((await listIdentities()).map((p) => p.name)).toEqual(['Grace']);
    expect(new Set((await listImages()).map((r) => r.identityId))).toEqual(new Set(['p2']));
  });

  it('saves a checkpoint with the run record that counts its epoch, or neither', async () => {
    const run = sampleRun();
    const [first, second] = run.epochs;
    await saveRun({ ...run, epochs: [] });
    await saveCheckpointWithRun(checkpoint(1), { ...run, epochs: [first!] });
    expect((await getRun(run.id))?.epochs).toHaveLength(1);

    const unstorable = { ...run, epochs: [first!, second!], extra: () => 0 };
    await expect(saveCheckpointWithRun(checkpoint(2), unstorable)).rejects.toThrow();
    expect((await getCheckpoint(run.id))?.epoch).toBe(1);
    expect((await getRun(run.id))?.epochs).toHaveLength(1);
  });
});
