// Per-person view of the dataset: images in stable order (source name, numbers by value so a
// burst shows "#2" before "#10", then id), counts, and the train/val/test part of each image.
// Pure: the Dataset screen shows it, the dataset export writes it.

import { naturalOrder } from '../lib/natural-order';
import {
  MIN_IMAGES_FOR_SPLIT,
  countParts,
  groupByIdentity,
  splitIdentity,
  splitItemOf,
  type SplitPart,
  type SplitSizes,
} from '../ml/split';
import type { IdentityRecord, ImageRecord } from '../storage/records';

export const RECOMMENDED_IMAGES = 20;

export interface IdentitySummary {
  identity: IdentityRecord;
  images: ImageRecord[];
  parts: Map<string, SplitPart>;
  counts: SplitSizes;
}

/** The people shown: all but those deleted or merged away while their undo is offered. */
export function visibleIdentities(
  identities: readonly IdentityRecord[],
  hidden: readonly string[],
): IdentityRecord[] {
  return identities.filter((identity) => !hidden.includes(identity.id));
}

/**
 * Each shown person's summary. A summary in `previous` whose person and images (the same records,
 * in the same order) are unchanged is returned as it was, without splitting again, so that a
 * screen can skip drawing the people a change did not touch (an import adds to a few people at
 * a time) and the split of a hundred people is not redone for each of them.
 */
export function summarizeIdentities(
  identities: readonly IdentityRecord[],
  images: readonly ImageRecord[],
  hidden: readonly string[],
  previous: readonly IdentitySummary[] = [],
): IdentitySummary[] {
  const before = new Map(previous.map((summary) => [summary.identity.id, summary]));
  const byIdentity = groupByIdentity(images);
  return visibleIdentities(identities, hidden).map((identity) => {
    const own = (byIdentity.get(identity.id) ?? []).sort((a, b) =>
      a.sourceName === b.sourceName
        ? a.id.localeCompare(b.id)
        : naturalOrder(a.sourceName, b.sourceName),
    );
    const old = before.get(identity.id);
    if (
      old !== undefined &&
      old.identity === identity &&
      old.images.length === own.length &&
      old.images.every((image, i) => image === own[i])
    ) {
      return old;
    }
    const parts = splitIdentity(own.map(splitItemOf));
    return { identity, images: own, parts, counts: countParts(parts.values()) };
  });
}

/** summarizeIdentities keeping, from one call to the next, the summaries it can. */
export function summarizerKeepingUnchanged(): (
  identities: readonly IdentityRecord[],
  images: readonly ImageRecord[],
  hidden: readonly string[],
) => IdentitySummary[] {
  let last: IdentitySummary[] = [];
  return (identities, images, hidden) =>
    (last = summarizeIdentities(identities, images, hidden, last));
}

/** Why a person with images cannot be evaluated by a run, or null when they can. */
export function evaluationGap(summary: IdentitySummary): string | null {
  const { images, counts } = summary;
  if (images.length === 0) return null;
  if (images.length < MIN_IMAGES_FOR_SPLIT) {
    return `has ${images.length} image${images.length === 1 ? '' : 's'}; at least ${MIN_IMAGES_FOR_SPLIT} are needed (two for val, two for test, one to train on): training will not start until more are added, or the person is merged or deleted`;
  }
  if (counts.val === 0 || counts.test === 0) {
    const missing = [counts.val === 0 && 'val', counts.test === 0 && 'test'].filter(Boolean);
    return `has no ${missing.join(' or ')} images: an earlier run fixed all ${counts.train} in train. Add photos from another session (another day or place) and they go to val and test`;
  }
  return null;
}

/** The people who cannot be evaluated by a run started now, with why. */
export function evaluationGaps(
  summaries: readonly IdentitySummary[],
): { name: string; reason: string }[] {
  return summaries.flatMap((summary) => {
    const reason = evaluationGap(summary);
    return reason ? [{ name: summary.identity.name, reason }] : [];
  });
}
