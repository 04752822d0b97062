// Image-by-image labelling: which thumbnails are selected, and the changes made to them (move to
// a person, to a new person, to Unsorted or Strangers; delete), each stored in one transaction and kept in a
// history that Undo and Redo walk. A change made while a run trains does not touch that run: a
// run keeps the list of images and labels it started with (runs/run-members.ts).

import type { StateCreator } from 'zustand';
import { AppError } from '../lib/errors';
import { newId } from '../lib/ids';
import {
  applyMoves,
  countImages,
  planMoves,
  targetName,
  type LabelChange,
} from '../domain/label-changes';
import {
  clickSelection,
  EMPTY_SELECTION,
  type ClickKind,
  type Selection,
} from '../domain/image-selection';
import { nameProblem, normalizeName } from '../domain/identity-name';
import { relabelImages } from '../storage/identity-repo';
import { deleteImages, readStoredImages } from '../storage/image-repo';
import { addImages } from '../services/add-images';
import { UNSORTED_ID, type IdentityRecord, type ImageRecord } from '../storage/records';
import { isCollection } from '../domain/collections';
import { guardedBy } from './guarded';
import type { AppState } from './index';

/** How many changes Undo can walk back. Deleted images' pixels are held in memory for undo. */
export const LABEL_HISTORY_LIMIT = 50;

export interface LabellingSlice {
  selection: Selection;
  /** Changes that Undo can take back, the latest last. */
  labelHistory: LabelChange[];
  /** Changes undone that Redo can make again, the next last. */
  labelFuture: LabelChange[];
  /** The image shown larger (with its source photo), or null. */
  openImageId: string | null;
  openImage(id: string | null): void;
  clickImage(id: string, kind: ClickKind, order: readonly string[]): void;
  selectImages(ids: Iterable<string>): void;
  clearSelection(): void;
  /** Moves images to a person, Unsorted or Strangers; images already there are left alone. */
  moveImages(ids: Iterable<string>, to: string): Promise<void>;
  /** Moves each image to its own target, as one change (e.g. accepting suggestions). */
  moveEach(moves: readonly { id: string; to: string }[], message: string): Promise<void>;
  /** Creates a person named `name` and moves the images to them, in one transaction. */
  moveImagesToNewPerson(ids: Iterable<string>, name: string): Promise<IdentityRecord>;
  /** Deletes images (record, crop, thumbnail); undo puts them back. */
  deleteImagesById(ids: Iterable<string>): Promise<void>;
  undoLabelChange(): Promise<void>;
  redoLabelChange(): Promise<void>;
  /**
   * Undoes the latest change of either kind: a person's rename, merge or delete while its undo
   * is offered (always the latest, as an image change makes such an action final first), else
   * the last image change.
   */
  undoLatest(): Promise<void>;
}

export const createLabellingSlice: StateCreator<AppState, [], [], LabellingSlice> = (set, get) => {
  const guarded = guardedBy((text) => get().showNotice({ kind: 'error', text }));

  const exists = (identityId: string) =>
    get().identities.some((i) => i.id === identityId) &&
    !get().hiddenIdentityIds.includes(identityId);

  const replaceImages = (changed: readonly ImageRecord[]) => {
    const byId = new Map(changed.map((image) => [image.id, image]));
    set({ images: get().images.map((image) => byId.get(image.id) ?? image) });
  };

  const record = (change: LabelChange) =>
    set({
      labelHistory: [...get().labelHistory, change].slice(-LABEL_HISTORY_LIMIT),
      labelFuture: [],
      selection: EMPTY_SELECTION,
    });

  /** Makes a pending person-level action (a merge, a delete) final first, as imports do. */
  const settlePending = () =>
    get()
      .dismissUndo()
      .catch(() => undefined);

  const trainingNote = () =>
    get().activeRun ? ' A run is training: the change applies to the next run.' : '';

  /** Applies a change forwards (do, redo) or backwards (undo): storage first, then the screen. */
  const apply = async (change: LabelChange, direction: 'forward' | 'back'): Promise<string> => {
    if (change.kind === 'move') {
      const person = change.createdPerson;
      const addPerson = person && direction === 'forward' && !exists(person.id);
      const { changed, toUnsorted } = applyMoves(
        get().images,
        change.moves,
        direction,
        (id) => exists(id) || (addPerson === true && id === person.id),
      );
      const removePerson =
        person &&
        direction === 'back' &&
        !get().images.some(
          (image) => image.identityId === person.id && !changed.some((c) => c.id === image.id),
        );
      await guarded(() =>
        relabelImages({
          images: changed,
          addIdentities: addPerson ? [person] : [],
          removeIdentityIds: removePerson ? [person.id] : [],
        }),
      );
      if (addPerson)
        set({
          identities: [...get().identities, person].sort((a, b) => a.name.localeCompare(b.name)),
        });
      replaceImages(changed);
      if (removePerson) set({ identities: get().identities.filter((i) => i.id !== person.id) });
      return toUnsorted > 0
        ? ` ${countImages(toUnsorted)} went to Unsorted: their person was deleted since.`
        : '';
    }
    if (direction === 'back') {
      const known = new Set(get().images.map((image) => image.id));
      const back = change.removed
        .filter((item) => !known.has(item.record.id))
        .map((item) =>
          isCollection(item.record.identityId) || exists(item.record.identityId)
            ? item
            : { ...item, record: { ...item.record, identityId: UNSORTED_ID } },
        );
      const stored = await guarded(() => addImages(back));
      set({ images: [...get().images, ...stored] });
      return '';
    }
    const ids = change.removed.map((item) => item.record.id);
    await guarded(() => deleteImages(ids));
    const gone = new Set(ids);
    set({ images: get().images.filter((image) => !gone.has(image.id)) });
    return '';
  };

  return {
    selection: EMPTY_SELECTION,
    labelHistory: [],
    labelFuture: [],
    openImageId: null,

    openImage(id) {
      set({ openImageId: id });
    },

    clickImage(id, kind, order) {
      set({ selection: clickSelection(get().selection, id, kind, order) });
    },

    selectImages(ids) {
      const all = [...ids];
      set({ selection: { ids: new Set(all), anchor: all.at(-1) ?? null } });
    },

    clearSelection() {
      set({ selection: EMPTY_SELECTION });
    },

    async moveImages(ids, to) {
      await settlePending();
      if (!isCollection(to) && !exists(to))
        throw new AppError('not-found', 'That person no longer exists.');
      const moves = planMoves(get().images, ids, to);
      if (moves.length === 0) return; // Dropped onto its own person: nothing to do.
      const change: LabelChange = {
        kind: 'move',
        message: `Moved ${countImages(moves.length)} to ${targetName(to, get().identities)}.`,
        moves,
      };
      const note = await apply(change, 'forward');
      record(change);
      get().showNotice({ kind: 'info', text: change.message + note + trainingNote() });
    },

    async moveEach(wanted, message) {
      await settlePending();
      const byId = new Map(get().images.map((image) => [image.id, image]));
      const moves = wanted.flatMap(({ id, to }) => {
        const image = byId.get(id);
        return image && image.identityId !== to && (isCollection(to) || exists(to))
          ? [{ id, from: image.identityId, to }]
          : [];
      });
      if (moves.length === 0) return;
      const change: LabelChange = { kind: 'move', message, moves };
      const note = await apply(change, 'forward');
      record(change);
      get().showNotice({ kind: 'info', text: change.message + note + trainingNote() });
    },

    async moveImagesToNewPerson(ids, name) {
      await settlePending();
      const visible = get().identities.filter((i) => !get().hiddenIdentityIds.includes(i.id));
      const problem = nameProblem(name, visible);
      if (problem) throw new AppError('invalid-name', problem);
      const person: IdentityRecord = {
        id: newId('person'),
        name: normalizeName(name),
        createdAt: Date.now(),
      };
      const moves = planMoves(get().images, ids, person.id);
      if (moves.length === 0) throw new AppError('invalid-name', 'Select images to move first.');
      const change: LabelChange = {
        kind: 'move',
        message: `Moved ${countImages(moves.length)} to a new person, ${person.name}.`,
        moves,
        createdPerson: person,
      };
      await apply(change, 'forward');
      record(change);
      get().showNotice({ kind: 'info', text: change.message + trainingNote() });
      return person;
    },

    async deleteImagesById(ids) {
      await settlePending();
      const wanted = [...new Set(ids)];
      if (wanted.length === 0) return;
      const removed = await guarded(() => readStoredImages(wanted));
      if (removed.length === 0) return;
      const change: LabelChange = {
        kind: 'delete',
        message: `Deleted ${countImages(removed.length)}.`,
        removed,
      };
      await apply(change, 'forward');
      record(change);
      get().showNotice({ kind: 'info', text: change.message + trainingNote() });
    },

    async undoLabelChange() {
      const change = get().labelHistory.at(-1);
      if (!change) return;
      await settlePending();
      const note = await apply(change, 'back');
      set({
        labelHistory: get().labelHistory.slice(0, -1),
        labelFuture: [...get().labelFuture, change],
        selection: EMPTY_SELECTION,
      });
      get().showNotice({ kind: 'info', text: `Undone: ${change.message}${note}` });
    },

    async undoLatest() {
      if (get().undoEntry) await get().undo();
      else await get().undoLabelChange();
    },

    async redoLabelChange() {
      const change = get().labelFuture.at(-1);
      if (!change) return;
      await settlePending();
      const note = await apply(change, 'forward');
      set({
        labelFuture: get().labelFuture.slice(0, -1),
        labelHistory: [...get().labelHistory, change],
        selection: EMPTY_SELECTION,
      });
      get().showNotice({ kind: 'info', text: `Redone: ${change.message}${note}` });
    },
  };
};
