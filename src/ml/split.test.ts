import { describe, expect, it } from 'vitest';
import {
  countParts,
  partsToFix,
  splitByIdentity,
  splitIdentity,
  strangerParts,
  splitItemOf,
  splitSizes,
  type SplitItem,
  type SplittableImage,
} from './split';

function items(n: number, groupOf: (i: number) => string = (i) => `g${i}`): SplitItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `id${i}`,
    sortKey: `img_${String(i).padStart(4, '0')}.jpg`,
    group: groupOf(i),
  }));
}

describe('splitSizes', () => {
  it('follows 7:2:1 with at least two in val and test', () => {
    expect(splitSizes(10)).toEqual({ train: 6, val: 2, test: 2 });
    expect(splitSizes(20)).toEqual({ train: 14, val: 4, test: 2 });
    expect(splitSizes(40)).toEqual({ train: 28, val: 8, test: 4 });
    expect(splitSizes(13)).toEqual({ train: 9, val: 2, test: 2 });
    expect(splitSizes(5)).toEqual({ train: 1, val: 2, test: 2 });
  });

  it('does not split identities too small to evaluate', () => {
    expect(splitSizes(4)).toEqual({ train: 4, val: 0, test: 0 });
    expect(splitSizes(0)).toEqual({ train: 0, val: 0, test: 0 });
  });
});

describe('splitIdentity', () => {
  it('is deterministic and independent of input order', () => {
    const a = splitIdentity(items(17));
    const b = splitIdentity([...items(17)].reverse());
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
  });

  it('changes with the seed', () => {
    const a = splitIdentity(items(30), 1);
    const b = splitIdentity(items(30), 2);
    expect([...a.entries()].sort()).not.toEqual([...b.entries()].sort());
  });

  it('meets the target sizes exactly for single-image groups', () => {
    for (const n of [5, 10, 13, 19, 40]) {
      expect(countParts(splitIdentity(items(n)).values())).toEqual(splitSizes(n));
    }
  });

  it('keeps every capture group inside one part', () => {
    // 3 bursts of 6 frames plus 4 single photos.
    const list = items(22, (i) => (i < 18 ? `burst${Math.floor(i / 6)}` : `photo${i}`));
    const parts = splitIdentity(list);
    for (const burst of ['burst0', 'burst1', 'burst2']) {
      const inBurst = list.filter((it) => it.group === burst).map((it) => parts.get(it.id));
      expect(new Set(inBurst).size).toBe(1);
    }
    const counts = countParts(parts.values());
    expect(counts.train).toBeGreaterThan(0);
    expect(counts.val).toBeGreaterThanOrEqual(2);
    expect(counts.test).toBeGreaterThanOrEqual(2);
  });

  it('cuts one burst of 30 frames into time slices: train, then val, then test', () => {
    // Frames named as the webcam names them: "#2" comes before "#10".
    const burst = Array.from({ length: 30 }, (_, i) => ({
      id: `f${i + 1}`,
      sortKey: `webcam 2026-12-05 10:00:00 #${i + 1}`,
      group: 'burst',
    }));
    const parts = splitIdentity(burst);
    expect(countParts(parts.values())).toEqual({ train: 21, val: 6, test: 3 });
    const inOrder = burst.map((frame) => parts.get(frame.id));
    expect(inOrder).toEqual([
      ...Array<string>(21).fill('train'),
      ...Array<string>(6).fill('val'),
      ...Array<string>(3).fill('test'),
    ]);
  });

  it('two bursts of 10: val and test from the end of the timeline, never next to train', () => {
    const frames = [0, 1].flatMap((b) =>
      Array.from({ length: 10 }, (_, i) => ({
        id: `b${b}f${i + 1}`,
        sortKey: `webcam 2026-12-0${5 + b} 10:00:00 #${i + 1}`,
        group: `burst${b}`,
      })),
    );
    const parts = splitIdentity(frames);
    expect(countParts(parts.values())).toEqual({ train: 14, val: 4, test: 2 });
    for (const b of [0, 1]) {
      const burst = frames.filter((f) => f.group === `burst${b}`).map((f) => parts.get(f.id));
      // Within a burst, parts come in runs (slices), and a test frame never neighbours train.
      for (let i = 1; i < burst.length; i++) {
        const pair = [burst[i - 1], burst[i]].sort().join('|');
        expect(pair).not.toBe('test|train');
      }
      const changes = burst.filter((part, i) => i > 0 && part !== burst[i - 1]).length;
      expect(changes).toBeLessThanOrEqual(2);
    }
  });

  it('a burst too small to slice into all three keeps training frames first', () => {
    const parts = splitIdentity(items(5, () => 'only-burst'));
    expect(countParts(parts.values())).toEqual({ train: 1, val: 2, test: 2 });
  });

  it('is stratified: each identity is split on its own', () => {
    const big = splitIdentity(items(19));
    const small = splitIdentity(items(10));
    expect(countParts(big.values())).toEqual({ train: 14, val: 3, test: 2 });
    expect(countParts(small.values())).toEqual({ train: 6, val: 2, test: 2 });
  });
});

describe('splitIdentity with fixed parts', () => {
  it('keeps every fixed part and tops val and test up to the whole person’s targets', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      id: `i${i}`,
      sortKey: `${i}.jpg`,
      group: `g${i}`,
      ...(i < 4 ? { fixed: (['test', 'test', 'val', 'train'] as const)[i] } : {}),
    }));
    const parts = splitIdentity(items);
    expect([0, 1, 2, 3].map((i) => parts.get(`i${i}`))).toEqual(['test', 'test', 'val', 'train']);
    // 12 images want 2 in val and 2 in test: the fixed ones already give 1 and 2.
    const free = items.slice(4).map((item) => parts.get(item.id));
    expect(free.filter((p) => p === 'val')).toHaveLength(1);
    expect(free.filter((p) => p === 'test')).toHaveLength(0);
  });

  it('splitItemOf carries a stored image’s part as fixed', () => {
    expect(splitItemOf({ id: 'a', sourceName: 'a.jpg', captureGroup: 'g', split: 'val' })).toEqual({
      id: 'a',
      sortKey: 'a.jpg',
      group: 'g',
      fixed: 'val',
    });
    expect(splitItemOf({ id: 'a', sourceName: 'a.jpg', captureGroup: 'g' })).toEqual({
      id: 'a',
      sortKey: 'a.jpg',
      group: 'g',
    });
  });
});

describe('parts fixed before a run, then images added', () => {
  const photos = (person: string, from: number, to: number): SplittableImage[] =>
    Array.from({ length: to - from }, (_, k) => ({
      id: `${person}-${from + k}`,
      identityId: person,
      sourceName: `${person}_${String(from + k).padStart(4, '0')}.jpg`,
      captureGroup: `${person}-group-${from + k}`,
    }));
  const moved = (before: Map<string, string>, after: Map<string, string>) =>
    [...before].filter(([id, part]) => after.get(id) !== part).length;

  it('without fixing, adding images moves earlier ones between parts (why parts are fixed)', () => {
    const first = photos('ada', 0, 20);
    const before = splitByIdentity(first);
    const after = splitByIdentity([...first, ...photos('ada', 20, 30)]);
    expect(moved(before, after)).toBeGreaterThan(0);
  });

  it('once fixed, images added later top val and test up and move nothing', () => {
    const first = photos('ada', 0, 20);
    const before = splitByIdentity(first);
    const fixed = partsToFix(first);
    expect(fixed.map((image) => [image.id, image.split])).toEqual(
      first.map((image) => [image.id, before.get(image.id)]),
    );
    const added = photos('ada', 20, 30);
    const after = splitByIdentity([...fixed, ...added]);
    expect(moved(before, after)).toBe(0);
    // 30 photos want 21 / 6 / 3; the 20 fixed hold 14 / 4 / 2, so the 10 new go 7 / 2 / 1.
    expect(countParts(added.map((image) => after.get(image.id) ?? 'train'))).toEqual({
      train: 7,
      val: 2,
      test: 1,
    });
    expect(countParts(after.values())).toEqual(splitSizes(30));
    // Already fixed images are not written again.
    expect(partsToFix([...fixed, ...added]).map((image) => image.id)).toEqual(
      added.map((image) => image.id),
    );
  });

  it('photos added a few at a time keep the person at 7:2:1', () => {
    let images = partsToFix(photos('ada', 0, 10));
    for (let from = 10; from < 40; from += 3) {
      images = [...images, ...photos('ada', from, from + 3)];
      images = [...images.filter((image) => image.split), ...partsToFix(images)];
    }
    const parts = countParts(images.map((image) => image.split ?? 'train'));
    expect(parts).toEqual(splitSizes(40));
  });

  it('leaves people with too few images to split unfixed, and splits each person alone', () => {
    const images = [...photos('ada', 0, 4), ...photos('bo', 0, 10)];
    const fixed = partsToFix(images);
    expect(new Set(fixed.map((image) => image.identityId))).toEqual(new Set(['bo']));
    expect(countParts(fixed.map((image) => image.split ?? 'train'))).toEqual(splitSizes(10));
  });
});

describe('strangerParts', () => {
  const item = (id: string, group: string): SplitItem => ({ id, sortKey: id, group });

  it('keeps each stranger (group) in one part, a third of them in test, none in train', () => {
    const items = Array.from({ length: 9 }, (_, s) =>
      Array.from({ length: 4 }, (_, k) => item(`s${s}-${k}`, `stranger-${s}`)),
    ).flat();
    const parts = strangerParts(items);
    expect(parts.size).toBe(36);
    const partOfGroup = new Map<string, Set<string>>();
    for (const it of items) {
      const set = partOfGroup.get(it.group) ?? new Set();
      set.add(parts.get(it.id) as string);
      partOfGroup.set(it.group, set);
    }
    for (const set of partOfGroup.values()) expect(set.size).toBe(1);
    const testGroups = [...partOfGroup.values()].filter((set) => set.has('test')).length;
    expect(testGroups).toBe(3);
    expect([...parts.values()].every((p) => p === 'val' || p === 'test')).toBe(true);
  });

  it('is the same for the same items in any order, and depends on the seed', () => {
    const items = Array.from({ length: 12 }, (_, k) => item(`p${k}`, `photo-${k}`));
    const a = strangerParts(items);
    const b = strangerParts([...items].reverse());
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    const seeds = [1, 2, 3, 4, 5].map((seed) =>
      JSON.stringify([...strangerParts(items, seed).entries()].sort()),
    );
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('puts a single stranger in val whole: none is left to test with', () => {
    const one = Array.from({ length: 6 }, (_, k) => item(`i${k}`, 'stranger-a'));
    const parts = strangerParts(one);
    expect([...parts.values()]).toEqual(Array(6).fill('val'));
    expect([...strangerParts([item('x', 'g')]).values()]).toEqual(['val']);
    expect(strangerParts([]).size).toBe(0);
  });
});
