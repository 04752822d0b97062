// Writes that belong together land together: a batch of images with one value IndexedDB
// cannot store leaves no photo, crop, thumbnail or record of the others, however many slices
// it is queued in; deleting a person
// takes their images' blobs with them, and a source photo goes with the last image that refers
// to it; a checkpoint and its run record are saved as a pair, and an imported model's run, files
// and evaluation as a whole.

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { database } from './db';
import {
  deleteIdentityWithImages,
  listIdentities,
  mergeIdentityInto,
  saveIdentity,
} from './identity-repo';
import {
  deleteImages,
  getCrops,
  getPhoto,
  getThumb,
  IMAGES_PER_SLICE,
  listImages,
  saveImages,
  updateImages,
} from './image-repo';
import { SLICE_SIZE, commitInSlices } from './commit';
import { getEvaluation } from './evaluation-repo';
import {
  getCheckpoint,
  getImportedModel,
  getRun,
  saveCheckpointWithRun,
  saveImportedRun,
  saveRun,
} from './run-repo';
import type { CheckpointRecord } from './run-records';
import { imageRecord, storedImage } from './test-utils/image-fixtures';
import { resetDatabase } from './test-utils/reset-database';
import {
  asTrained,
  sampleEvaluation,
  sampleImportedModel,
  sampleImportedRun,
  sampleRun,
} from './test-utils/run-fixtures';

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

/** A crop of source photo `photoKey`, carrying the photo's blob ("photo <key>"). */
const fromPhoto = (id: string, photoKey: string, identityId = 'p1') => ({
  ...storedImage(imageRecord(id, identityId, { photoKey })),
  photo: new Blob([`photo ${photoKey}`]),
});

const photoCount = async () => (await database()).count('photos');

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

  it('updates many images in slices, all of them or none', async () => {
    const count = SLICE_SIZE * 2 + 7;
    const ids = Array.from({ length: count }, (_, i) => `img${i}`);
    await saveImages(ids.map(stored));
    const records = await listImages();

    // A record that cannot be cloned, in the last slice: nothing of the slices before lands.
    const moved = records.map((r) => ({ ...r, split: 'test' as const }));
    (moved[count - 1] as unknown as { extra: unknown }).extra = () => 0;
    await expect(updateImages(moved)).rejects.toThrow();
    expect((await listImages()).filter((r) => r.split === 'test')).toEqual([]);

    await updateImages(records.map((r) => ({ ...r, split: 'val' as const })));
    const after = await listImages();
    expect(after).toHaveLength(count);
    expect(after.every((r) => r.split === 'val')).toBe(true);
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

  it('stores a photo once for the crops that share it, or nothing of a failed batch', async () => {
    await saveImages([fromPhoto('a', 'x'), fromPhoto('b', 'x'), fromPhoto('c', 'y')]);
    expect(await photoCount()).toBe(2);
    expect(await (await getPhoto('x'))?.text()).toBe('photo x');

    const bad = fromPhoto('e', 'z');
    (bad.record as unknown as { extra: unknown }).extra = () => 0;
    await expect(saveImages([fromPhoto('d', 'z'), bad])).rejects.toThrow();
    expect(await getPhoto('z')).toBeUndefined();
    expect(await counts()).toEqual([3, 3, 3]);
  });

  it('stores a batch of several slices whole, or nothing of it', async () => {
    // Crops of photo "x" in the first and the last slice; the last image cannot be cloned.
    const count = IMAGES_PER_SLICE * 2 + 3;
    const batch = Array.from({ length: count }, (_, i) =>
      i === 0 || i === count - 2 ? fromPhoto(`s${i}`, 'x') : stored(`s${i}`),
    );
    const bad = stored(`s${count}`);
    (bad.record as unknown as { extra: unknown }).extra = () => 0;
    await expect(saveImages([...batch, bad])).rejects.toThrow();
    expect(await counts()).toEqual([0, 0, 0]);
    expect(await photoCount()).toBe(0);

    await saveImages(batch);
    expect(await counts()).toEqual([count, count, count]);
    expect(await photoCount()).toBe(1);
    expect(await (await getPhoto('x'))?.text()).toBe('photo x');
  });

  it('a request that fails in an early slice fails the whole write with its own error', async () => {
    await saveImages([stored('taken')]);
    const db = await database();
    const tx = db.transaction('images', 'readwrite');
    // add() of a key already stored fails when it runs, in the first slice of two.
    const ids = ['taken', ...Array.from({ length: 4 }, (_, i) => `new${i}`)];
    const write = commitInSlices(
      tx,
      ids,
      (tx, id, add) => add(tx.store.add(imageRecord(id, 'p1'), id)),
      2,
    );
    await expect(write).rejects.toMatchObject({ name: 'ConstraintError' });
    expect((await listImages()).map((r) => r.id)).toEqual(['taken']);
  });

  it('refuses a photo without the key it is stored under', async () => {
    const orphan = { ...stored('a'), photo: new Blob(['p']) };
    await expect(saveImages([orphan])).rejects.toThrow(/photo but no photoKey/);
    expect(await counts()).toEqual([0, 0, 0]);
  });

  it('deletes a source photo with the last image that refers to it, not before', async () => {
    await saveImages([fromPhoto('a', 'x'), fromPhoto('b', 'x'), stored('c')]);
    await deleteImages(['a', 'c']);
    expect(await getPhoto('x')).toBeDefined();
    await deleteImages(['b']);
    expect(await getPhoto('x')).toBeUndefined();
    expect(await counts()).toEqual([0, 0, 0]);
  });

  it('deleting a person keeps the photos their images share with images kept elsewhere', async () => {
    await saveIdentity({ id: 'p1', name: 'Ada', createdAt: 1 });
    await saveImages([
      fromPhoto('a', 'group'),
      fromPhoto('b', 'group', 'unsorted'),
      fromPhoto('c', 'solo'),
    ]);
    await deleteIdentityWithImages('p1', ['a', 'c']);
    expect(await getPhoto('group')).toBeDefined();
    expect(await getPhoto('solo')).toBeUndefined();
    expect((await listImages()).map((i) => i.id)).toEqual(['b']);
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
    expect(asTrained(await getRun(run.id))?.epochs).toHaveLength(1);

    const unstorable = { ...run, epochs: [first!, second!], extra: () => 0 };
    await expect(saveCheckpointWithRun(checkpoint(2), unstorable)).rejects.toThrow();
    expect((await getCheckpoint(run.id))?.epoch).toBe(1);
    expect(asTrained(await getRun(run.id))?.epochs).toHaveLength(1);
  });

  it('saves an imported model with its files and evaluation, or none of them', async () => {
    const run = sampleImportedRun();
    const evaluation = { ...sampleEvaluation(), runId: run.id };
    const unstorable = { ...evaluation, extra: () => 0 };
    await expect(saveImportedRun(run, sampleImportedModel(), unstorable)).rejects.toThrow();
    expect(await getRun(run.id)).toBeUndefined();
    expect(await getImportedModel(run.id)).toBeUndefined();

    await saveImportedRun(run, sampleImportedModel(), evaluation);
    expect(await getRun(run.id)).toEqual(run);
    expect((await getImportedModel(run.id))?.files.map((f) => f.name)).toEqual([
      'model.json',
      'group1-shard1of1.bin',
      '../metadata (1).json',
    ]);
    expect((await getEvaluation(run.id))?.threshold).toBe(evaluation.threshold);
  });
});
