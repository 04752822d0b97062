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

export function summarizeIdentities(
  identities: readonly IdentityRecord[],
  images: readonly ImageRecord[],
  hidden: readonly string[],
): IdentitySummary[] {
  const byIdentity = groupByIdentity(images);
  return identities
    .filter((identity) => !hidden.includes(identity.id))
    .map((identity) => {
      const own = (byIdentity.get(identity.id) ?? []).sort((a, b) =>
        a.sourceName === b.sourceName
          ? a.id.localeCompare(b.id)
          : naturalOrder(a.sourceName, b.sourceName),
      );
      const parts = splitIdentity(own.map(splitItemOf));
      return { identity, images: own, parts, counts: countParts(parts.values()) };
    });
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
