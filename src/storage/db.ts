// The one place that names Face Studio's IndexedDB stores. idb-keyval keeps one object store
// per database, so each store below is its own database; every other module in src/storage
// goes through these handles, and nothing outside src/storage touches IndexedDB.

import { createStore, type UseStore } from 'idb-keyval';

export const STORE_NAMES = {
  identities: 'face-studio-identities',
  images: 'face-studio-images',
  crops: 'face-studio-crops',
  thumbs: 'face-studio-thumbs',
  runs: 'face-studio-runs',
  checkpoints: 'face-studio-checkpoints',
  evaluations: 'face-studio-evaluations',
} as const;

export type StoreName = keyof typeof STORE_NAMES;

export interface Stores {
  /** id → IdentityRecord */
  identities: UseStore;
  /** id → ImageRecord (metadata only, no pixels) */
  images: UseStore;
  /** image id → Blob: the 128×128 face crop the network trains on (JPEG) */
  crops: UseStore;
  /** image id → Blob: the 64×64 thumbnail shown in the grid (JPEG) */
  thumbs: UseStore;
  /** run id → RunRecord (config, people, per-epoch and per-step metrics, status) */
  runs: UseStore;
  /** run id → CheckpointRecord (the latest: weights, optimiser state, epoch) */
  checkpoints: UseStore;
  /** run id → StoredEvaluation (folder-v1 figures, charts' data, templates, chosen threshold) */
  evaluations: UseStore;
}

let opened: Stores | null = null;

/** Opens (once per JavaScript realm) the handles; databases are created on first use. */
export function stores(): Stores {
  opened ??= {
    identities: createStore(STORE_NAMES.identities, 'records'),
    images: createStore(STORE_NAMES.images, 'records'),
    crops: createStore(STORE_NAMES.crops, 'records'),
    thumbs: createStore(STORE_NAMES.thumbs, 'records'),
    runs: createStore(STORE_NAMES.runs, 'records'),
    checkpoints: createStore(STORE_NAMES.checkpoints, 'records'),
    evaluations: createStore(STORE_NAMES.evaluations, 'records'),
  };
  return opened;
}
