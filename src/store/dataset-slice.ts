// Dataset state: the people, their images' metadata, and the editing actions on them
// (create, rename, merge, delete) with a single level of undo. Pixels stay in IndexedDB;
// the store holds only metadata.

import type { StateCreator } from 'zustand';
import { AppError, toAppError } from '../lib/errors';
import { newId } from '../lib/ids';
import {
  mergeIdentityInto,
  deleteIdentityWithImages,
  listIdentities,
  saveIdentity,
} from '../storage/identity-repo';
import { deleteImages, listImages, updateImages } from '../storage/image-repo';
import type { IdentityRecord, ImageRecord } from '../storage/records';
import { COLLECTION_IDS, isCollection } from '../domain/collections';
import { partsToFix } from '../ml/split';
import { nameProblem, normalizeName, sameName } from '../domain/identity-name';
import { guardedBy } from './guarded';
import type { AppState } from './index';

export const UNDO_SECONDS = 12;

export interface UndoEntry {
  message: string;
  undo: () => Promise<void>;
  /** Makes the action final (e.g. really deletes the images); runs when undo expires. */
  commit: () => Promise<void>;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface DatasetSlice {
  datasetStatus: 'loading' | 'ready' | 'failed';
  identities: IdentityRecord[];
  images: ImageRecord[];
  /** Identities deleted but still undoable: hidden, their images kept until the undo expires. */
  hiddenIdentityIds: string[];
  undoEntry: UndoEntry | null;
  /** Undo offers made final whose writes are still under way (the screen says "Saving"). */
  savingCount: number;
  notice: Notice | null;
  loadDataset(): Promise<void>;
  createIdentity(name: string): Promise<IdentityRecord>;
  /** The identity with this name, created when there is none. */
  ensureIdentity(name: string): Promise<{ id: string; created: boolean }>;
  renameIdentity(id: string, name: string): Promise<void>;
  mergeIdentities(fromId: string, intoId: string): Promise<void>;
  deleteIdentity(id: string): Promise<void>;
  undo(): Promise<void>;
  dismissUndo(): Promise<void>;
  /** Shows images that were just stored (by import, capture or a project). */
  imagesStored(records: readonly ImageRecord[]): void;
  /**
   * Stores each image's train/val/test part before a run trains on it, so that images added
   * later only top val and test up and cannot move a trained-on image into val or test.
   */
  fixSplits(): Promise<void>;
  showNotice(notice: Notice | null): void;
}

let undoTimer: ReturnType<typeof setTimeout> | undefined;

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = (set, get) => {
  const visible = () => get().identities.filter((i) => !get().hiddenIdentityIds.includes(i.id));
  const byId = (id: string) => {
    const identity = get().identities.find((i) => i.id === id);
    if (!identity) throw new AppError('not-found', 'That person no longer exists.');
    return identity;
  };

  /** Replaces the pending undo (committing the old one) and arms the expiry timer. */
  const offerUndo = async (entry: UndoEntry) => {
    // The previous action's commit failing (shown as a notice) must not lose this one's undo.
    await get()
      .dismissUndo()
      .catch(() => undefined);
    set({ undoEntry: entry });
    undoTimer = setTimeout(
      () =>
        void get()
          .dismissUndo()
          .catch(() => undefined),
      UNDO_SECONDS * 1000,
    );
  };

  const guarded = guardedBy((text) => set({ notice: { kind: 'error', text } }));

  return {
    datasetStatus: 'loading',
    identities: [],
    images: [],
    hiddenIdentityIds: [],
    undoEntry: null,
    savingCount: 0,
    notice: null,

    async loadDataset() {
      try {
        const [identities, all] = await Promise.all([listIdentities(), listImages()]);
        // Unsorted and Strangers images belong to no person but are kept; only a deleted
        // person's are orphans.
        const known = new Set([...COLLECTION_IDS, ...identities.map((i) => i.id)]);
        const images = all.filter((img) => known.has(img.identityId));
        set({ identities, images, datasetStatus: 'ready' });
        const orphans = all.filter((img) => !known.has(img.identityId)).map((img) => img.id);
        if (orphans.length > 0) await deleteImages(orphans);
      } catch (error) {
        set({
          datasetStatus: 'failed',
          notice: { kind: 'error', text: toAppError(error).message },
        });
      }
    },

    async createIdentity(name) {
      const problem = nameProblem(name, visible());
      if (problem) throw new AppError('invalid-name', problem);
      const identity: IdentityRecord = {
        id: newId('person'),
        name: normalizeName(name),
        createdAt: Date.now(),
      };
      await guarded(() => saveIdentity(identity));
      set({
        identities: [...get().identities, identity].sort((a, b) => a.name.localeCompare(b.name)),
      });
      return identity;
    },

    async ensureIdentity(name) {
      const existing = visible().find((i) => sameName(i.name, name));
      if (existing) return { id: existing.id, created: false };
      const created = await get().createIdentity(name);
      return { id: created.id, created: true };
    },

    async renameIdentity(id, name) {
      const identity = byId(id);
      const problem = nameProblem(name, visible(), id);
      if (problem) throw new AppError('invalid-name', problem);
      const renamed = { ...identity, name: normalizeName(name) };
      if (renamed.name === identity.name) return;
      await guarded(() => saveIdentity(renamed));
      const replace = (record: IdentityRecord) =>
        set({
          identities: get()
            .identities.map((i) => (i.id === id ? record : i))
            .sort((a, b) => a.name.localeCompare(b.name)),
        });
      replace(renamed);
      await offerUndo({
        message: `Renamed “${identity.name}” to “${renamed.name}”.`,
        undo: async () => {
          await saveIdentity(identity);
          replace(identity);
        },
        commit: async () => {},
      });
    },

    async mergeIdentities(fromId, intoId) {
      if (fromId === intoId)
        throw new AppError('invalid-name', 'Choose two different people to merge.');
      const from = byId(fromId);
      const into = byId(intoId);
      const moved = get().images.filter((img) => img.identityId === fromId);
      const movedIds = new Set(moved.map((img) => img.id));
      // Shown at once, stored when the undo offer ends: the images' move and the person's
      // removal in one transaction, so a tab closed in between leaves the two people as they were.
      set({
        images: get().images.map((img) =>
          movedIds.has(img.id) ? { ...img, identityId: intoId } : img,
        ),
        hiddenIdentityIds: [...get().hiddenIdentityIds, fromId],
      });
      await offerUndo({
        message: `Merged “${from.name}” (${moved.length} images) into “${into.name}”.`,
        undo: async () => {
          set({
            images: get().images.map((img) =>
              movedIds.has(img.id) ? { ...img, identityId: fromId } : img,
            ),
            hiddenIdentityIds: get().hiddenIdentityIds.filter((h) => h !== fromId),
          });
        },
        commit: async () => {
          // The records as they are now (already relabelled here, perhaps with parts fixed since).
          await mergeIdentityInto(
            fromId,
            get().images.filter((img) => movedIds.has(img.id)),
          );
          set({
            identities: get().identities.filter((i) => i.id !== fromId),
            hiddenIdentityIds: get().hiddenIdentityIds.filter((h) => h !== fromId),
          });
        },
      });
    },

    async deleteIdentity(id) {
      const identity = byId(id);
      const count = get().images.filter((img) => img.identityId === id).length;
      set({ hiddenIdentityIds: [...get().hiddenIdentityIds, id] });
      await offerUndo({
        message: `Deleted “${identity.name}” and ${count} image${count === 1 ? '' : 's'}.`,
        undo: async () =>
          set({ hiddenIdentityIds: get().hiddenIdentityIds.filter((h) => h !== id) }),
        commit: async () => {
          // The person and their images go in one transaction: all of them, or none.
          const ids = get()
            .images.filter((img) => img.identityId === id)
            .map((img) => img.id);
          await deleteIdentityWithImages(id, ids);
          set({
            images: get().images.filter((img) => img.identityId !== id),
            identities: get().identities.filter((i) => i.id !== id),
            hiddenIdentityIds: get().hiddenIdentityIds.filter((h) => h !== id),
          });
        },
      });
    },

    async undo() {
      const entry = get().undoEntry;
      if (!entry) return;
      clearTimeout(undoTimer);
      set({ undoEntry: null });
      await guarded(entry.undo);
      set({ notice: { kind: 'info', text: `Undone: ${entry.message}` } });
    },

    async dismissUndo() {
      const entry = get().undoEntry;
      clearTimeout(undoTimer);
      if (!entry) return;
      // Counted until stored, so that the screen does not call a change done while a reload
      // could still interrupt its write.
      set({ undoEntry: null, savingCount: get().savingCount + 1 });
      try {
        await guarded(entry.commit);
      } finally {
        set({ savingCount: get().savingCount - 1 });
      }
    },

    imagesStored(records) {
      set({ images: [...get().images, ...records] });
    },

    async fixSplits() {
      // Unsorted is no person: its images get their part from the person they are given to.
      // Strangers are never trained on: their parts (val, test) come from ml/split's
      // strangerParts when they are evaluated, never a stored 'train'.
      const fixed = partsToFix(get().images.filter((image) => !isCollection(image.identityId)));
      if (fixed.length === 0) return;
      await guarded(() => updateImages(fixed));
      const byImage = new Map(fixed.map((image) => [image.id, image]));
      set({ images: get().images.map((image) => byImage.get(image.id) ?? image) });
    },

    showNotice(notice) {
      set({ notice });
    },
  };
};
