// The train/val/test split of protocol folder-v1 (DESIGN.md sections 3 and 4): per identity,
// a seeded shuffle, then 7:2:1 in that order with at least two images in val and in test.
// Images of one capture group (one webcam burst) always land in the same part, so near-copies
// cannot leak from train into test. A person with fewer than three groups (enrolled by one or
// two webcam bursts) could not be evaluated that way: their frames are laid out in time and
// cut into slices instead, test the last frames, val the slice before it, train the rest, so a
// test frame is never next to a training frame. Once a run has trained on them, images keep their parts
// (stored as `fixed`): images added later only top val and test up towards the person's whole
// 7:2:1, and move nothing.

import { naturalOrder } from '../lib/natural-order';
import { seededRandom, shuffled } from '../lib/seeded-random';

export type SplitPart = 'train' | 'val' | 'test';

export const SPLIT_SEED = 42;
/** Two in val, two in test, and at least one to train on. */
export const MIN_IMAGES_FOR_SPLIT = 5;

export interface SplitItem {
  id: string;
  /** Stable order before shuffling (the source file name, then the id). */
  sortKey: string;
  /** Items sharing a group move together; an imported photo is its own group. */
  group: string;
  /** A part chosen elsewhere (a dataset manifest, `npm run eval --split`): kept as it is. */
  fixed?: SplitPart;
}

/** The split item of a stored image (structural, so this module stays free of storage types). */
export function splitItemOf(image: Omit<SplittableImage, 'identityId'>): SplitItem {
  return {
    id: image.id,
    sortKey: image.sourceName,
    group: image.captureGroup,
    ...(image.split ? { fixed: image.split } : {}),
  };
}

/** The structural part of a stored image the split reads. */
export interface SplittableImage {
  id: string;
  identityId: string;
  sourceName: string;
  captureGroup: string;
  split?: SplitPart;
}

/** The images of each identity, in their given order. */
export function groupByIdentity<T extends { identityId: string }>(
  images: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const image of images) {
    const own = groups.get(image.identityId);
    if (own) own.push(image);
    else groups.set(image.identityId, [image]);
  }
  return groups;
}

/** The part of every image, each identity split on its own. */
export function splitByIdentity(
  images: readonly SplittableImage[],
  seed: number = SPLIT_SEED,
): Map<string, SplitPart> {
  const parts = new Map<string, SplitPart>();
  for (const own of groupByIdentity(images).values())
    for (const [id, part] of splitIdentity(own.map(splitItemOf), seed)) parts.set(id, part);
  return parts;
}

/**
 * The images whose part should now be stored, each with it: those without a stored part, of
 * people with enough images to split (a person below the minimum cannot train yet, and would
 * otherwise have every image fixed in train).
 */
export function partsToFix<T extends SplittableImage>(images: readonly T[]): T[] {
  const fixed: T[] = [];
  for (const own of groupByIdentity(images).values()) {
    if (own.length < MIN_IMAGES_FOR_SPLIT) continue;
    const parts = splitIdentity(own.map(splitItemOf));
    for (const image of own)
      if (image.split === undefined)
        fixed.push({ ...image, split: parts.get(image.id) ?? 'train' });
  }
  return fixed;
}

export interface SplitSizes {
  train: number;
  val: number;
  test: number;
}

/** Target sizes for `n` images: val max(2, ⌊0.2n⌋), test max(2, ⌊0.1n⌋), train the rest. */
export function splitSizes(n: number): SplitSizes {
  if (n < MIN_IMAGES_FOR_SPLIT) return { train: n, val: 0, test: 0 };
  const val = Math.max(2, Math.floor(n * 0.2));
  const test = Math.max(2, Math.floor(n * 0.1));
  return { train: n - val - test, val, test };
}

function compareKeys(a: SplitItem, b: SplitItem): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Assigns each item of one identity to a part. Deterministic for a given seed and set of items.
 * Groups are shuffled, laid out in order, and the tail fills test, then val; a group is never
 * cut, so with capture groups the parts can exceed their targets by the size of one group.
 * Items with a `fixed` part keep it; the others fill what val and test still lack of the targets
 * for all the person's items.
 */
/** Groups below this many are cut into time slices (one or two webcam bursts). */
export const MIN_GROUPS_KEPT_WHOLE = 3;

/** Frame order within a burst: "… #2" before "… #10". */
function compareFrames(a: SplitItem, b: SplitItem): number {
  return naturalOrder(a.sortKey, b.sortKey) || compareKeys(a, b);
}

export function splitIdentity(
  all: readonly SplitItem[],
  seed: number = SPLIT_SEED,
): Map<string, SplitPart> {
  const parts = new Map<string, SplitPart>();
  // Items with a fixed part keep it; the others top val and test up towards the whole
  // person's targets (so adding photos a few at a time keeps the 7:2:1 shape).
  for (const item of all) if (item.fixed) parts.set(item.id, item.fixed);
  const items = all.filter((item) => !item.fixed);
  const whole = splitSizes(all.length);
  const fixed = countParts(parts.values());
  const target = {
    val: Math.max(0, whole.val - fixed.val),
    test: Math.max(0, whole.test - fixed.test),
  };
  const groups = new Map<string, SplitItem[]>();
  for (const item of [...items].sort(compareKeys)) {
    const members = groups.get(item.group);
    if (members) members.push(item);
    else groups.set(item.group, [item]);
  }
  const order = shuffled([...groups.values()], seededRandom(seed));
  if (groups.size < MIN_GROUPS_KEPT_WHOLE) {
    // One or two bursts: slices of the frames in time order, test at the end, val before it.
    const timeline = order.flatMap((members) => [...members].sort(compareFrames));
    const test = Math.min(target.test, Math.max(0, timeline.length - 1));
    const val = Math.min(target.val, Math.max(0, timeline.length - 1 - test));
    timeline.forEach((item, i) => {
      const fromEnd = timeline.length - i;
      parts.set(item.id, fromEnd <= test ? 'test' : fromEnd <= test + val ? 'val' : 'train');
    });
    return parts;
  }

  let remaining = items.length;
  let test = 0;
  let val = 0;
  for (let g = order.length - 1; g >= 0; g--) {
    const members = order[g] ?? [];
    remaining -= members.length;
    let part: SplitPart = 'train';
    if (test < target.test && remaining > 0) part = 'test';
    else if (val < target.val && remaining > 0) part = 'val';
    if (part === 'test') test += members.length;
    if (part === 'val') val += members.length;
    for (const member of members) parts.set(member.id, part);
  }
  return parts;
}

/**
 * The parts of strangers' images (people to be rejected, never a class): val and test only, 2:1
 * as folder-v1's 0.2 and 0.1. Whole groups (one stranger's folder, or one photo) are shuffled with
 * the seed and the first third of them (at least one) goes to test, so no stranger is in both.
 * A single group (one stranger) goes to val whole: test strangers must be others than those the
 * threshold was chosen on, so there are none to measure with yet.
 */
export function strangerParts(
  all: readonly SplitItem[],
  seed: number = SPLIT_SEED,
): Map<string, Exclude<SplitPart, 'train'>> {
  const parts = new Map<string, Exclude<SplitPart, 'train'>>();
  const byGroup = new Map<string, SplitItem[]>();
  for (const item of [...all].sort(compareKeys)) {
    const members = byGroup.get(item.group);
    if (members) members.push(item);
    else byGroup.set(item.group, [item]);
  }
  const groups = [...byGroup.values()];
  if (groups.length < 2) {
    for (const item of all) parts.set(item.id, 'val');
    return parts;
  }
  const order = shuffled(
    groups.sort((a, b) => compareKeys(a[0] as SplitItem, b[0] as SplitItem)),
    seededRandom(seed),
  );
  const test = Math.max(1, Math.round(order.length / 3));
  order.forEach((members, g) => {
    for (const member of members) parts.set(member.id, g < test ? 'test' : 'val');
  });
  return parts;
}

export function countParts(parts: Iterable<SplitPart>): SplitSizes {
  const counts: SplitSizes = { train: 0, val: 0, test: 0 };
  for (const part of parts) counts[part]++;
  return counts;
}
