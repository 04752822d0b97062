// The shape of Face Studio's one IndexedDB database: its name, its schema version, and each
// store with its key and value. db.ts opens and upgrades it; the repos read and write it.

import type { DBSchema, IDBPDatabase } from 'idb';
import type { IdentityRecord, ImageRecord } from './records';
import type {
  CheckpointRecord,
  ImportedModelRecord,
  RunRecord,
  StoredEvaluation,
} from './run-records';

export const DB_NAME = 'face-studio';
/**
 * 1: the first single-database layout (the data of the per-store databases moved in).
 * 2: source photos kept (`photos`), and `images` indexed by `photoKey`.
 * 3: imported embedding models' files (`models`), beside their runs of kind 'imported'.
 */
export const DB_VERSION = 3;

export interface FaceStudioSchema extends DBSchema {
  /** id → IdentityRecord */
  identities: { key: string; value: IdentityRecord };
  /** id → ImageRecord (metadata only, no pixels); indexed by the source photo it came from. */
  images: { key: string; value: ImageRecord; indexes: { photoKey: string } };
  /** image id → Blob: the 128×128 face crop the network trains on (JPEG) */
  crops: { key: string; value: Blob };
  /** image id → Blob: the 64×64 thumbnail shown in the grid (JPEG) */
  thumbs: { key: string; value: Blob };
  /**
   * photoKey → Blob: the source photo of imported images, at most ~800 px on the long side
   * (JPEG), shared by every crop taken from it; deleted with the last image that refers to it.
   */
  photos: { key: string; value: Blob };
  /** run id → RunRecord (config, people, per-epoch and per-step metrics, status) */
  runs: { key: string; value: RunRecord };
  /** run id → CheckpointRecord (the latest: weights, optimiser state, epoch) */
  checkpoints: { key: string; value: CheckpointRecord };
  /** run id → StoredEvaluation (folder-v1 figures, charts' data, templates, chosen threshold) */
  evaluations: { key: string; value: StoredEvaluation };
  /** run id → ImportedModelRecord: an imported run's model files (what a checkpoint is to a trained run) */
  models: { key: string; value: ImportedModelRecord };
  /** Facts about the database itself, e.g. that the earlier layout's data has been moved in. */
  meta: { key: string; value: unknown };
}

/** The data stores of version 1 (without `meta`): also the stores of the earlier per-store layout. */
export type StoreName =
  'identities' | 'images' | 'crops' | 'thumbs' | 'runs' | 'checkpoints' | 'evaluations';
export type FaceStudioDatabase = IDBPDatabase<FaceStudioSchema>;

/** Version 1's data stores, in the order a whole-studio transaction names them. */
export const STORE_NAMES: readonly StoreName[] = [
  'identities',
  'images',
  'crops',
  'thumbs',
  'runs',
  'checkpoints',
  'evaluations',
];

/** The index of `images` by the source photo (ImageRecord.photoKey). */
export const PHOTO_KEY_INDEX = 'photoKey';
