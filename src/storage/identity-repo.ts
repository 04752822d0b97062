// Identities (people) in IndexedDB: list, save, remove (a person with their images and their
// source photos in one transaction), and relabel images (with the people a change creates or
// empties) in one.

import { toAppError } from '../lib/errors';
import { commitAll } from './commit';
import { database } from './db';
import { IMAGE_WRITE_STORES, photoKeysOf, queueImageDeletes } from './image-repo';
import type { IdentityRecord, ImageRecord } from './records';

export async function listIdentities(): Promise<IdentityRecord[]> {
  const all = await (await database()).getAll('identities');
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

export async function saveIdentity(identity: IdentityRecord): Promise<void> {
  try {
    await (await database()).put('identities', identity, identity.id);
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

/**
 * Deletes a person and the given images (record, crop, thumbnail, and each source photo no
 * image left refers to) together, or nothing.
 */
export async function deleteIdentityWithImages(
  id: string,
  imageIds: readonly string[],
): Promise<void> {
  const tx = (await database()).transaction(['identities', ...IMAGE_WRITE_STORES], 'readwrite');
  try {
    const photoKeys = await photoKeysOf(tx, imageIds);
    await commitAll(tx, (tx, add) => {
      add(tx.objectStore('identities').delete(id));
      queueImageDeletes(tx, add, imageIds, photoKeys);
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

/** Moves a person's images to another (the records given, already relabelled) and deletes the
 *  person, together or not at all. */
export async function mergeIdentityInto(
  fromId: string,
  moved: readonly ImageRecord[],
): Promise<void> {
  const tx = (await database()).transaction(['identities', 'images'], 'readwrite');
  try {
    await commitAll(tx, (tx, add) => {
      for (const record of moved) add(tx.objectStore('images').put(record, record.id));
      add(tx.objectStore('identities').delete(fromId));
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

/** One change of labels, stored together or not at all: people created, images relabelled (the
 *  records given, already changed), people removed (only ones left without images). */
export interface Relabelling {
  images: readonly ImageRecord[];
  addIdentities?: readonly IdentityRecord[];
  removeIdentityIds?: readonly string[];
}

export async function relabelImages(change: Relabelling): Promise<void> {
  try {
    const tx = (await database()).transaction(['identities', 'images'], 'readwrite');
    await commitAll(tx, (tx, add) => {
      for (const identity of change.addIdentities ?? [])
        add(tx.objectStore('identities').put(identity, identity.id));
      for (const record of change.images) add(tx.objectStore('images').put(record, record.id));
      for (const id of change.removeIdentityIds ?? []) add(tx.objectStore('identities').delete(id));
    });
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}
