// The labelling actions on the real store over fake IndexedDB: what the screen shows and what a
// reload reads back agree after every move, new person, delete, undo and redo.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test } from 'vitest';
import { listIdentities, saveIdentity } from '../storage/identity-repo';
import { listImages, saveImages } from '../storage/image-repo';
import { STRANGERS_ID, UNSORTED_ID } from '../storage/records';
import { imageRecord, storedImage } from '../storage/test-utils/image-fixtures';
import { resetDatabase } from '../storage/test-utils/reset-database';
import { useAppStore } from './index';

const ada = { id: 'person-ada', name: 'Ada', createdAt: 1 };
const bob = { id: 'person-bob', name: 'Bob', createdAt: 2 };

/** Each image's person, as stored and as shown: the two must agree. */
async function labels(): Promise<Record<string, string>> {
  const stored = Object.fromEntries((await listImages()).map((r) => [r.id, r.identityId]));
  const shown = Object.fromEntries(useAppStore.getState().images.map((r) => [r.id, r.identityId]));
  expect(shown).toEqual(stored);
  return stored;
}

beforeEach(async () => {
  await resetDatabase();
  for (const person of [ada, bob]) await saveIdentity(person);
  await saveImages([
    storedImage(imageRecord('a1', ada.id)),
    storedImage(imageRecord('a2', ada.id)),
    storedImage(imageRecord('b1', bob.id)),
    storedImage(imageRecord('u1', UNSORTED_ID)),
    storedImage(imageRecord('s1', STRANGERS_ID)),
  ]);
  useAppStore.setState({ labelHistory: [], labelFuture: [], undoEntry: null, notice: null });
  await useAppStore.getState().loadDataset();
});

describe('labelling images one by one', () => {
  test('unsorted images are loaded, not deleted as orphans', async () => {
    expect((await labels()).u1).toBe(UNSORTED_ID);
  });

  test('a move is stored, undone and redone', async () => {
    const store = useAppStore.getState();
    await store.moveImages(['a2', 'u1'], bob.id);
    expect(await labels()).toMatchObject({ a2: bob.id, u1: bob.id, a1: ada.id });
    expect(useAppStore.getState().notice?.text).toBe('Moved 2 images to Bob.');
    await useAppStore.getState().undoLabelChange();
    expect(await labels()).toMatchObject({ a2: ada.id, u1: UNSORTED_ID });
    await useAppStore.getState().redoLabelChange();
    expect(await labels()).toMatchObject({ a2: bob.id, u1: bob.id });
  });

  test('undo takes back the latest change: a rename after a move first, then the move', async () => {
    await useAppStore.getState().moveImages(['u1'], bob.id);
    await useAppStore.getState().renameIdentity(ada.id, 'Adele');
    await useAppStore.getState().undoLatest();
    expect((await listIdentities()).map((i) => i.name)).toEqual(['Ada', 'Bob']);
    expect((await labels()).u1).toBe(bob.id);
    expect(useAppStore.getState().undoEntry).toBeNull();
    await useAppStore.getState().undoLatest();
    expect((await labels()).u1).toBe(UNSORTED_ID);
    expect((await listIdentities()).map((i) => i.name)).toEqual(['Ada', 'Bob']);
  });

  test('a drop onto the images’ own person changes nothing and records nothing', async () => {
    await useAppStore.getState().moveImages(['a1', 'a2'], ada.id);
    expect(useAppStore.getState().labelHistory).toHaveLength(0);
    expect((await labels()).a1).toBe(ada.id);
  });

  test('a new person is created with its images in one change, and undo removes it', async () => {
    const person = await useAppStore.getState().moveImagesToNewPerson(['u1', 'b1'], '  Cleo ');
    expect(person.name).toBe('Cleo');
    expect((await listIdentities()).map((i) => i.name)).toEqual(['Ada', 'Bob', 'Cleo']);
    expect(await labels()).toMatchObject({ u1: person.id, b1: person.id });
    await useAppStore.getState().undoLabelChange();
    expect((await listIdentities()).map((i) => i.name)).toEqual(['Ada', 'Bob']);
    expect(await labels()).toMatchObject({ u1: UNSORTED_ID, b1: bob.id });
    await useAppStore.getState().redoLabelChange();
    expect((await listIdentities()).map((i) => i.name)).toEqual(['Ada', 'Bob', 'Cleo']);
  });

  test('a name already taken is refused with the reason, and nothing changes', async () => {
    await expect(useAppStore.getState().moveImagesToNewPerson(['u1'], 'ada')).rejects.toThrow(
      /already a person called “Ada”/,
    );
    expect((await labels()).u1).toBe(UNSORTED_ID);
  });

  test('deleted images come back whole with undo, and go again with redo', async () => {
    await useAppStore.getState().deleteImagesById(['a1', 'u1']);
    expect(Object.keys(await labels()).sort()).toEqual(['a2', 'b1', 's1']);
    await useAppStore.getState().undoLabelChange();
    expect(await labels()).toMatchObject({ a1: ada.id, u1: UNSORTED_ID });
    const crop = await (await import('../storage/image-repo')).getCrops(['a1']);
    expect(await crop[0]?.text()).toBe('crop a1');
    await useAppStore.getState().redoLabelChange();
    expect(Object.keys(await labels()).sort()).toEqual(['a2', 'b1', 's1']);
  });

  test('undo of a move whose person was deleted since sends the images to Unsorted', async () => {
    await useAppStore.getState().moveImages(['u1'], bob.id);
    await useAppStore.getState().moveImages(['b1'], ada.id);
    await useAppStore.getState().deleteIdentity(bob.id);
    await useAppStore.getState().dismissUndo(); // the person's delete becomes final
    await useAppStore.getState().undoLabelChange(); // b1 back to Bob, who is gone
    expect((await labels()).b1).toBe(UNSORTED_ID);
    expect(useAppStore.getState().notice?.text).toMatch(/went to Unsorted/);
  });

  test('strangers are loaded, moved to Strangers and back to a person, with undo and redo', async () => {
    expect((await labels()).s1).toBe(STRANGERS_ID);
    await useAppStore.getState().moveImages(['a1', 'u1'], STRANGERS_ID);
    expect(await labels()).toMatchObject({ a1: STRANGERS_ID, u1: STRANGERS_ID });
    expect(useAppStore.getState().notice?.text).toBe('Moved 2 images to Strangers.');
    await useAppStore.getState().moveImages(['s1'], bob.id);
    expect((await labels()).s1).toBe(bob.id);
    await useAppStore.getState().undoLabelChange();
    expect((await labels()).s1).toBe(STRANGERS_ID);
    await useAppStore.getState().undoLabelChange();
    expect(await labels()).toMatchObject({ a1: ada.id, u1: UNSORTED_ID });
    await useAppStore.getState().redoLabelChange();
    expect(await labels()).toMatchObject({ a1: STRANGERS_ID, u1: STRANGERS_ID });
    // No person called "strangers" was made on the way.
    expect((await listIdentities()).map((i) => i.name)).toEqual(['Ada', 'Bob']);
  });

  test('a deleted stranger comes back to Strangers with undo', async () => {
    await useAppStore.getState().deleteImagesById(['s1']);
    expect((await labels()).s1).toBeUndefined();
    await useAppStore.getState().undoLabelChange();
    expect((await labels()).s1).toBe(STRANGERS_ID);
  });
});
