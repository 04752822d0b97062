// The dataset slice on its own (fake IndexedDB): fixing the parts before a run gives each
// person's images their train/val/test part and leaves Unsorted images without one, so an
// image given to a person later is split with that person's images; strangers get none either
// (never 'train': their val and test parts come from strangerParts).
// A merge made final is counted as "saving" until its write is stored.

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { listIdentities, saveIdentity } from '../storage/identity-repo';
import { listImages, saveImages } from '../storage/image-repo';
import { STRANGERS_ID, UNSORTED_ID } from '../storage/records';
import { imageRecord, storedImage } from '../storage/test-utils/image-fixtures';
import { resetDatabase } from '../storage/test-utils/reset-database';
import { createDatasetSlice } from './dataset-slice';
import type { AppState } from './index';

const datasetStore = () => create<AppState>()((...args) => createDatasetSlice(...args) as AppState);

describe('dataset slice', () => {
  afterEach(resetDatabase);

  it('fixes the parts of people’s images, not of Unsorted ones or strangers', async () => {
    const records = [
      ...Array.from({ length: 6 }, (_, i) => imageRecord(`a${i}`, 'p1')),
      ...Array.from({ length: 6 }, (_, i) => imageRecord(`u${i}`, UNSORTED_ID)),
      ...Array.from({ length: 6 }, (_, i) => imageRecord(`s${i}`, STRANGERS_ID)),
    ];
    await saveImages(records.map(storedImage));
    const store = datasetStore();
    store.setState({ images: records });
    await store.getState().fixSplits();
    const split = (id: string) => (r: { id: string }) => r.id.startsWith(id);
    for (const images of [store.getState().images, await listImages()]) {
      expect(images.filter(split('a')).every((r) => r.split !== undefined)).toBe(true);
      expect(images.filter(split('u')).map((r) => r.split)).toEqual(Array(6).fill(undefined));
      expect(images.filter(split('s')).map((r) => r.split)).toEqual(Array(6).fill(undefined));
    }
  });

  it('counts a merge made final as saving until it is stored, and not after', async () => {
    const people = [
      { id: 'p1', name: 'Ada', createdAt: 1 },
      { id: 'p2', name: 'Grace', createdAt: 2 },
    ];
    for (const person of people) await saveIdentity(person);
    const records = [imageRecord('a0', 'p1'), imageRecord('g0', 'p2')];
    await saveImages(records.map(storedImage));
    const store = datasetStore();
    store.setState({ identities: people, images: records });
    await store.getState().mergeIdentities('p2', 'p1');
    expect(await listIdentities()).toHaveLength(2); // not stored while undo is offered

    const final = store.getState().dismissUndo();
    expect(store.getState().savingCount).toBe(1);
    expect(store.getState().undoEntry).toBeNull();
    await final;
    expect(store.getState().savingCount).toBe(0);
    expect((await listIdentities()).map((i) => i.id)).toEqual(['p1']);
    expect((await listImages()).map((r) => r.identityId)).toEqual(['p1', 'p1']);
  });
});
