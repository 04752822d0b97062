// Identities (people) in IndexedDB: list, save, remove.

import { del, set, values } from 'idb-keyval';
import { toAppError } from '../lib/errors';
import { stores } from './db';
import type { IdentityRecord } from './records';

export async function listIdentities(): Promise<IdentityRecord[]> {
  const all = await values<IdentityRecord>(stores().identities);
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

export async function saveIdentity(identity: IdentityRecord): Promise<void> {
  try {
    await set(identity.id, identity, stores().identities);
  } catch (error) {
    throw toAppError(error, 'storage-failed');
  }
}

export async function deleteIdentityRecord(id: string): Promise<void> {
  await del(id, stores().identities);
}
