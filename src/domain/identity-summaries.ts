// Per-person view of the dataset: images in stable order (source name, then id), counts, and
// the train/val/test part of each image. Pure: the Dataset screen shows it, the dataset export
// writes it.

import {
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
          : a.sourceName.localeCompare(b.sourceName),
      );
      const parts = splitIdentity(own.map(splitItemOf));
      return { identity, images: own, parts, counts: countParts(parts.values()) };
    });
}
