// The changes a user makes to labels, image by image, as data: a move of images from their
// person (or Unsorted, or Strangers) to another, perhaps to a person the move creates, and a
// deletion, which keeps what was deleted so it can be put back. Undo applies a change
// backwards, redo forwards. Pure: the store stores the records these functions compute, in one
// transaction a change.

import {
  UNSORTED_ID,
  type IdentityRecord,
  type ImageRecord,
  type StoredImage,
} from '../storage/records';
import { collectionName, isCollection } from './collections';

export interface ImageMove {
  id: string;
  from: string;
  to: string;
}

export type LabelChange =
  | {
      kind: 'move';
      /** What the change did, for the Undo and Redo buttons ("Moved 3 images to Ada"). */
      message: string;
      moves: ImageMove[];
      /** A person this change created (New person), removed again by its undo. */
      createdPerson?: IdentityRecord;
    }
  | { kind: 'delete'; message: string; removed: StoredImage[] };

/** The moves that put `ids` with `to`: images already there, or no longer stored, are left out. */
export function planMoves(
  images: readonly ImageRecord[],
  ids: Iterable<string>,
  to: string,
): ImageMove[] {
  const byId = new Map(images.map((image) => [image.id, image]));
  const moves: ImageMove[] = [];
  for (const id of new Set(ids)) {
    const image = byId.get(id);
    if (image && image.identityId !== to) moves.push({ id, from: image.identityId, to });
  }
  return moves;
}

/**
 * The records after applying `moves` (backwards for an undo). Unsorted and Strangers always
 * exist; a person who no longer does cannot take images back: they go to Unsorted instead, and
 * are counted in `toUnsorted`.
 */
export function applyMoves(
  images: readonly ImageRecord[],
  moves: readonly ImageMove[],
  direction: 'forward' | 'back',
  exists: (identityId: string) => boolean,
): { changed: ImageRecord[]; toUnsorted: number } {
  const target = new Map(
    moves.map((move) => [move.id, direction === 'forward' ? move.to : move.from]),
  );
  const changed: ImageRecord[] = [];
  let toUnsorted = 0;
  for (const image of images) {
    const wanted = target.get(image.id);
    if (wanted === undefined || wanted === image.identityId) continue;
    const identityId = isCollection(wanted) || exists(wanted) ? wanted : UNSORTED_ID;
    if (identityId !== wanted) toUnsorted++;
    if (identityId !== image.identityId) changed.push({ ...image, identityId });
  }
  return { changed, toUnsorted };
}

/** "3 images", "1 image". */
export function countImages(count: number): string {
  return `${count} image${count === 1 ? '' : 's'}`;
}

/** The name a move's target is shown by. */
export function targetName(
  to: string,
  identities: readonly Pick<IdentityRecord, 'id' | 'name'>[],
): string {
  const collection = collectionName(to);
  if (collection) return collection;
  return identities.find((identity) => identity.id === to)?.name ?? 'a person no longer here';
}
