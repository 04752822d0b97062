// Import state: the running import's progress, its cancel handle, and the last summary.
// Starting an import spins up the import workers and tears them down when it ends.

import type { StateCreator } from 'zustand';
import { toAppError } from '../lib/errors';
import { addImages } from '../services/add-images';
import { readStorageUsage, type StorageUsage } from '../storage/storage-usage';
import {
  buildImportRequest,
  type CollectedFiles,
  type ImportTarget,
} from '../services/import-request';
import {
  runImport,
  type ImportProgress,
  type ImportRequest,
  type ImportSummary,
} from '../services/run-import';
import type { NoFacePolicy } from '../domain/face-crop-outcome';
import { STRANGERS_ID, UNSORTED_ID } from '../storage/records';
import { createImportPool } from '../worker/import-pool';
import type { AppState } from './index';

export interface ImportSlice {
  importProgress: ImportProgress | null;
  importSummary: ImportSummary | null;
  storageUsage: StorageUsage | null;
  /** The user's choice for images in which no face is found (kept across imports and reloads). */
  noFacePolicy: NoFacePolicy;
  setNoFacePolicy(policy: NoFacePolicy): void;
  /**
   * Imports files: each to the person its folder names and loose files to `target.loose` (a
   * person's name, or null for Unsorted, every face its own image), or with `{ by: 'person' }`
   * every file to that one person, or with `{ by: 'strangers' }` every file to Strangers. `noFace` overrides the user's choice (the bundled samples
   * keep every face). Null when the import could not start (shown as a notice).
   */
  importFiles(
    collected: CollectedFiles,
    target: ImportTarget,
    noFace?: NoFacePolicy,
  ): Promise<ImportSummary | null>;
  cancelImport(): void;
  dismissSummary(): void;
  refreshStorageUsage(): Promise<void>;
}

let activeImport: AbortController | null = null;

const NO_FACE_KEY = 'face-studio.no-face-policy';

function readNoFacePolicy(): NoFacePolicy {
  try {
    return globalThis.localStorage?.getItem(NO_FACE_KEY) === 'centre' ? 'centre' : 'skip';
  } catch {
    return 'skip';
  }
}

export const createImportSlice: StateCreator<AppState, [], [], ImportSlice> = (set, get) => ({
  importProgress: null,
  importSummary: null,
  storageUsage: null,
  noFacePolicy: readNoFacePolicy(),

  setNoFacePolicy(policy) {
    try {
      localStorage.setItem(NO_FACE_KEY, policy);
    } catch {
      // A private window without storage keeps the choice for this session only.
    }
    set({ noFacePolicy: policy });
  },

  async importFiles(collected, target, noFace) {
    if (activeImport) {
      get().showNotice({
        kind: 'error',
        text: 'An import is already running; wait for it or cancel it.',
      });
      return null;
    }
    // A pending delete or merge becomes final first, so its images are not "already stored".
    await get()
      .dismissUndo()
      .catch(() => undefined);
    let request: ImportRequest;
    try {
      request = buildImportRequest(collected, target, noFace ?? get().noFacePolicy);
    } catch (error) {
      get().showNotice({ kind: 'error', text: toAppError(error).message });
      return null;
    }
    const controller = new AbortController();
    activeImport = controller;
    const pool = createImportPool();
    // Cancel ends the workers at once, so a file stuck decoding cannot keep the import open.
    controller.signal.addEventListener('abort', () => pool.terminate(), { once: true });
    set({
      importProgress: { total: request.sources.length, processed: 0, added: 0, skipped: 0 },
      importSummary: null,
    });
    const knownHashes = new Map<string, string>();
    const names = new Map([
      [UNSORTED_ID, 'Unsorted'],
      [STRANGERS_ID, 'Strangers'],
      ...get().identities.map((i): [string, string] => [i.id, i.name]),
    ]);
    for (const image of get().images) {
      knownHashes.set(
        image.hash,
        `${names.get(image.identityId) ?? '?'} / ${image.sourceName.split('/').pop() ?? ''}`,
      );
    }
    let lastProgress = 0;
    try {
      const summary = await runImport(request, {
        prepare: (file, name, policy, faces) => pool.prepare(file, name, policy, faces),
        knownHashes,
        identityIdFor: (name) => get().ensureIdentity(name),
        save: addImages,
        onSaved: (records) => get().imagesStored(records),
        onProgress: (progress) => {
          // A folder of thousands of files should not re-render the page thousands of times.
          const now = performance.now();
          if (now - lastProgress > 100 || progress.processed === progress.total) {
            lastProgress = now;
            set({ importProgress: progress });
          }
        },
        concurrency: pool.size * 2,
        signal: controller.signal,
      });
      set({ importSummary: summary });
      return summary;
    } catch (error) {
      get().showNotice({ kind: 'error', text: toAppError(error).message });
      return null;
    } finally {
      pool.terminate();
      activeImport = null;
      set({ importProgress: null });
      void get().refreshStorageUsage();
    }
  },

  cancelImport() {
    activeImport?.abort();
  },

  dismissSummary() {
    set({ importSummary: null });
  },

  async refreshStorageUsage() {
    set({ storageUsage: await readStorageUsage() });
  },
});
