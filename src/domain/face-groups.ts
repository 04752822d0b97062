// The groups of similar faces as the screen shows them: a grouping is computed once, and faces
// are filed away afterwards, so each group keeps only its faces still in Unsorted, and only
// groups of two or more are shown, largest first. The Unsorted tray lists the other faces.

import type { ImageRecord } from '../storage/records';

export function groupsStillUnsorted(
  groups: readonly (readonly string[])[],
  unsorted: ReadonlyMap<string, ImageRecord>,
): ImageRecord[][] {
  return groups
    .map((group) =>
      group.flatMap((imageId) => {
        const image = unsorted.get(imageId);
        return image ? [image] : [];
      }),
    )
    .filter((group) => group.length >= 2)
    .sort((a, b) => b.length - a.length);
}
