// The encoder's help with labelling: "Group similar faces" (Unsorted faces in groups, each with
// the most similar named person) and "Find suspect labels" (images most unlike their own
// person), both computed in the labelling worker with progress and a Cancel; and accepting every
// suggestion above a similarity in one undoable change. The worker is created on first use and
// kept for the page's lifetime (it keeps the embeddings it computed).

import type { StateCreator } from 'zustand';
import { toAppError } from '../lib/errors';
import { UNSORTED_ID } from '../storage/records';
import { countImages } from '../domain/label-changes';
import { createLabellingClient, type LabellingClient } from '../worker/labelling-client';
import type { FaceGroups, LabelledImage, SuspectLabel } from '../worker/labelling-protocol';
import type { AppState } from './index';

export interface LabelHelpProgress {
  task: 'group' | 'suspects';
  done: number;
  total: number;
}

export interface LabelHelpSlice {
  labelHelpProgress: LabelHelpProgress | null;
  faceGroups: FaceGroups | null;
  suspectLabels: SuspectLabel[] | null;
  groupUnsorted(): Promise<FaceGroups | null>;
  findSuspectLabels(): Promise<SuspectLabel[] | null>;
  cancelLabelHelp(): void;
  /** Files every Unsorted face whose suggestion reaches `threshold` with its person, as one change. */
  acceptSuggestions(threshold: number): Promise<void>;
  /** Takes an image off the suspects list (its label was checked and kept). */
  keepSuspectLabel(imageId: string): void;
}

let client: LabellingClient | null = null;
let cancelRunning: (() => void) | null = null;

export const createLabelHelpSlice: StateCreator<AppState, [], [], LabelHelpSlice> = (set, get) => {
  const labelled = (): LabelledImage[] => {
    const people = new Set(
      get()
        .identities.filter((i) => !get().hiddenIdentityIds.includes(i.id))
        .map((i) => i.id),
    );
    return get()
      .images.filter((image) => people.has(image.identityId))
      .map((image) => ({ id: image.id, identityId: image.identityId }));
  };

  const run = async <T>(
    task: LabelHelpProgress['task'],
    start: (c: LabellingClient) => { result: Promise<T>; cancel(): void },
  ): Promise<T | null> => {
    if (get().labelHelpProgress) return null;
    client ??= createLabellingClient();
    set({ labelHelpProgress: { task, done: 0, total: 0 } });
    const job = start(client);
    cancelRunning = job.cancel;
    try {
      return await job.result;
    } catch (error) {
      const appError = toAppError(error, 'worker-failed');
      if (appError.code !== 'cancelled')
        get().showNotice({ kind: 'error', text: appError.message });
      return null;
    } finally {
      cancelRunning = null;
      set({ labelHelpProgress: null });
    }
  };

  const onProgress = (task: LabelHelpProgress['task']) => (done: number, total: number) =>
    set({ labelHelpProgress: { task, done, total } });

  return {
    labelHelpProgress: null,
    faceGroups: null,
    suspectLabels: null,

    async groupUnsorted() {
      const unsorted = get()
        .images.filter((image) => image.identityId === UNSORTED_ID)
        .map((image) => image.id);
      const groups = await run('group', (c) => c.group(unsorted, labelled(), onProgress('group')));
      if (groups) set({ faceGroups: groups });
      return groups;
    },

    async findSuspectLabels() {
      const suspects = await run('suspects', (c) => c.suspects(labelled(), onProgress('suspects')));
      if (suspects) set({ suspectLabels: suspects });
      return suspects;
    },

    cancelLabelHelp() {
      cancelRunning?.();
    },

    async acceptSuggestions(threshold) {
      const unsorted = new Set(
        get()
          .images.filter((image) => image.identityId === UNSORTED_ID)
          .map((image) => image.id),
      );
      const moves = (get().faceGroups?.suggestions ?? [])
        .filter((s) => unsorted.has(s.imageId) && s.similarity >= threshold)
        .map((s) => ({ id: s.imageId, to: s.identityId }));
      await get().moveEach(
        moves,
        `Filed ${countImages(moves.length)} with their suggested people.`,
      );
    },

    keepSuspectLabel(imageId) {
      set({ suspectLabels: get().suspectLabels?.filter((s) => s.imageId !== imageId) ?? null });
    },
  };
};
