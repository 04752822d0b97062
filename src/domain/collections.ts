// Owns the two collections of images that belong to no person: Unsorted (faces still to be given
// to someone) and Strangers (faces of people the studio should answer "unknown" for). Neither is
// ever a class or trained on; both are valid targets of a move and survive a reload.

import { STRANGERS_ID, UNSORTED_ID } from '../storage/records';

export const COLLECTION_IDS: readonly string[] = [UNSORTED_ID, STRANGERS_ID];

/** True for Unsorted and Strangers: an `identityId` that names no person. */
export function isCollection(identityId: string): boolean {
  return identityId === UNSORTED_ID || identityId === STRANGERS_ID;
}

/** "Unsorted" or "Strangers" for a collection's id, null for a person's. */
export function collectionName(identityId: string): string | null {
  if (identityId === UNSORTED_ID) return 'Unsorted';
  if (identityId === STRANGERS_ID) return 'Strangers';
  return null;
}
