// A run owns its people: after a rename (that changes the name order), a merge, a delete, a
// new person, or an image moved to someone else, an earlier run still sees its own classes in
// its own order, its images with the labels and parts it recorded, and its schedule.

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../ml/config';
import {
  STRANGERS_ID,
  UNSORTED_ID,
  type IdentityRecord,
  type ImageRecord,
} from '../storage/records';
import type { TrainedRunRecord } from '../storage/run-records';
import { imageRecord } from '../storage/test-utils/image-fixtures';
import {
  earlierRunMembers,
  importedRunMembers,
  newRunMembers,
  recordedImages,
  recordedList,
  recordedStepsPerEpoch,
  stepsPerEpochOf,
} from './run-members';

const person = (id: string, name: string): IdentityRecord => ({ id, name, createdAt: 1 });
const photos = (identityId: string, n: number, addedAt = 1): ImageRecord[] =>
  Array.from({ length: n }, (_, i) =>
    imageRecord(`${identityId}-${i}`, identityId, {
      sourceName: `${identityId}/${String(i).padStart(2, '0')}.jpg`,
      addedAt,
    }),
  );

const people = [person('a', 'Ada'), person('g', 'Grace'), person('l', 'Linus')];
const images = [...photos('a', 10), ...photos('g', 10), ...photos('l', 10)];

function startedRun(): TrainedRunRecord {
  const members = newRunMembers(people, images);
  return {
    id: 'run_1',
    createdAt: 5,
    updatedAt: 5,
    config: { ...DEFAULT_CONFIG, batchSize: 4 },
    identities: members.identities,
    trainImages: members.train.length,
    valImages: members.val.length,
    images: recordedList(members),
    stepsPerEpoch: stepsPerEpochOf(members.train.length, 4),
    backend: 'cpu',
    status: 'completed',
    epochs: [],
    steps: [],
  };
}

const sorted = (list: { id: string; label: number }[]) =>
  [...list].sort((x, y) => x.id.localeCompare(y.id));

describe('run members', () => {
  it('a new run takes the people with images in name order, split 7:2:1', () => {
    const members = newRunMembers([...people, person('z', 'Zed, no photos')], images);
    expect(members.identities.map((p) => p.name)).toEqual(['Ada', 'Grace', 'Linus']);
    expect([members.train.length, members.val.length, members.test.length]).toEqual([18, 6, 6]);
    expect(new Set(members.test.filter((i) => i.id.startsWith('g-')).map((i) => i.label))).toEqual(
      new Set([1]),
    );
  });

  it('never takes Strangers or Unsorted images, and they never count as people', () => {
    const others = [...photos(STRANGERS_ID, 20), ...photos(UNSORTED_ID, 6)];
    const members = newRunMembers(people, [...images, ...others]);
    expect(members.identities.map((p) => p.id)).toEqual(['a', 'g', 'l']);
    const listed = [...members.train, ...members.val, ...members.test].map((i) => i.id);
    expect(listed).toHaveLength(30);
    expect(listed.filter((id) => !/^[agl]-/.test(id))).toEqual([]);
    // One person and a crowd of strangers is still one person: no run can start.
    expect(() => newRunMembers([people[0]!], [...photos('a', 10), ...others])).toThrow(
      /at least two people/,
    );
  });

  it('a rename that changes the name order, and a new person, leave the run as it was', () => {
    const run = startedRun();
    const before = earlierRunMembers(run, people, images);
    const renamed = [person('a', 'Zoe (was Ada)'), people[1]!, people[2]!, person('b', 'Bob')];
    const after = earlierRunMembers(run, renamed, [...images, ...photos('b', 12, 9)]);
    expect(after.identities.map((p) => p.id)).toEqual(['a', 'g', 'l']);
    expect(after.identities[0]?.name).toBe('Zoe (was Ada)');
    for (const part of ['train', 'val', 'test'] as const)
      expect(sorted(after[part])).toEqual(sorted(before[part]));
    expect(after.gone).toEqual([]);
    // A new run, though, sees the new order and the new person.
    expect(newRunMembers(renamed, [...images, ...photos('b', 12, 9)]).identities[0]?.name).toBe(
      'Bob',
    );
  });

  it('a merge and a moved image keep the labels the run gave them', () => {
    const run = startedRun();
    // Linus merged into Grace: his images now belong to Grace, his record is gone.
    const merged = images.map((img) =>
      img.identityId === 'l' ? { ...img, identityId: 'g' } : img,
    );
    // One of Ada's images moved to Grace by hand.
    const moved = merged.map((img) => (img.id === 'a-3' ? { ...img, identityId: 'g' } : img));
    const after = earlierRunMembers(run, [people[0]!, people[1]!], moved);
    const all = [...after.train, ...after.val, ...after.test];
    expect(all).toHaveLength(30);
    expect(all.find((i) => i.id === 'a-3')?.label).toBe(0);
    expect(new Set(all.filter((i) => i.id.startsWith('l-')).map((i) => i.label))).toEqual(
      new Set([2]),
    );
    expect(after.identities[2]?.name).toBe('Linus'); // the name the run recorded
    expect(after.gone).toEqual([]);
  });

  it('a deleted person is named as gone; deleted images are left out', () => {
    const run = startedRun();
    const left = images.filter((img) => img.identityId !== 'l' && img.id !== 'a-0');
    const after = earlierRunMembers(run, [people[0]!, people[1]!], left);
    expect(after.gone).toEqual(['Linus']);
    expect(after.train.length + after.val.length + after.test.length).toBe(19);
    expect(after.identities).toHaveLength(3);
  });

  it('keeps the schedule it started with after photos are added', () => {
    const run = startedRun();
    expect(recordedStepsPerEpoch(run)).toBe(Math.ceil(18 / 4));
    const grown = [...images, ...photos('a', 40, 9)];
    const after = earlierRunMembers(run, people, grown);
    expect(after.train).toHaveLength(18);
    expect(recordedStepsPerEpoch(run)).toBe(5);
  });

  it('rebuilds the list of a run recorded before lists were kept, from the stored parts', () => {
    const run = startedRun();
    const parts = new Map(run.images!.map((i) => [i.id, i.part]));
    // The previous version stored each image's part when a run started; it kept no list.
    const stored = images.map((img) => ({ ...img, split: parts.get(img.id) }));
    const later = photos('a', 3, 9).map((img) => ({ ...img, split: 'test' as const }));
    const legacy: TrainedRunRecord = { ...run };
    delete legacy.images;
    delete legacy.stepsPerEpoch;
    const rebuilt = recordedImages(legacy, [...stored, ...later]);
    expect(sorted(rebuilt)).toEqual(sorted(run.images!));
    expect(recordedStepsPerEpoch(legacy)).toBe(run.stepsPerEpoch);
  });
});

describe('importedRunMembers', () => {
  const images = (owner: string, count: number): ImageRecord[] =>
    Array.from({ length: count }, (_, i) => imageRecord(`${owner}-${i}`, owner));

  it('scores the people who can be split, and names those who cannot', () => {
    const members = importedRunMembers(
      [person('a', 'Ada'), person('b', 'Bo'), person('c', 'Cy'), person('d', 'Di')],
      [...images('a', 6), ...images('b', 5), ...images('c', 2)],
    );
    expect(members.identities.map((i) => i.name)).toEqual(['Ada', 'Bo']);
    expect(members.gone).toEqual(['Cy']);
    expect(members.train.length + members.val.length + members.test.length).toBe(11);
  });

  it('refuses fewer than two people it can score, saying what an evaluation needs', () => {
    expect(() =>
      importedRunMembers(
        [person('a', 'Ada'), person('b', 'Bo')],
        [...images('a', 6), ...images('b', 3)],
      ),
    ).toThrow(/Evaluating a model needs at least two people with 5 or more images/);
  });
});
