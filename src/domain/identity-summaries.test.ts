// Who a run could not evaluate, and why: a person enrolled only by one webcam burst now gets val
// and test frames; one with too few images, or whose parts an earlier version fixed all in
// train, is named with the reason.
// Summaries kept from one change to the next: only the people a change touched get new ones.

import { describe, expect, it } from 'vitest';
import type { IdentityRecord, ImageRecord } from '../storage/records';
import { imageRecord } from '../storage/test-utils/image-fixtures';
import {
  evaluationGaps,
  summarizeIdentities,
  summarizerKeepingUnchanged,
} from './identity-summaries';

const person = (id: string): IdentityRecord => ({ id, name: id, createdAt: 1 });
const frames = (identityId: string, n: number, group: string, split?: 'train'): ImageRecord[] =>
  Array.from({ length: n }, (_, i) =>
    imageRecord(`${identityId}-${group}-${i}`, identityId, {
      sourceName: `webcam 2026-12-05 10:00:00 #${i + 1}`,
      addedAt: i,
      captureGroup: group,
      ...(split ? { split } : {}),
    }),
  );

describe('evaluation gaps', () => {
  it('a person enrolled by one burst of 30 frames has val and test, and no gap', () => {
    const [summary] = summarizeIdentities([person('Cam')], frames('Cam', 30, 'burst'), []);
    expect(summary?.counts).toEqual({ train: 21, val: 6, test: 3 });
    expect(evaluationGaps(summary ? [summary] : [])).toEqual([]);
  });

  it('names people with too few images, and those fixed all in train by an earlier version', () => {
    const summaries = summarizeIdentities(
      [person('Few'), person('Fixed'), person('Fine'), person('Empty')],
      [
        ...frames('Few', 3, 'a'),
        ...frames('Fixed', 30, 'old-burst', 'train'),
        ...frames('Fine', 12, 'b'),
      ],
      [],
    );
    const gaps = evaluationGaps(summaries);
    expect(gaps.map((g) => g.name)).toEqual(['Few', 'Fixed']);
    expect(gaps[0]?.reason).toContain('has 3 images; at least 5 are needed');
    expect(gaps[1]?.reason).toContain('has no val or test images');
  });
});

describe('summaries kept from one change to the next', () => {
  it('keeps the summary object of every person a change did not touch, and only theirs', () => {
    const summarize = summarizerKeepingUnchanged();
    const [ada, bob, cy] = [person('Ada'), person('Bob'), person('Cy')];
    const images = [...frames('Ada', 6, 'a'), ...frames('Bob', 6, 'b')];
    const first = summarize([ada, bob, cy], images, []);
    // An import adds to Bob: Ada's and Cy's summaries are the same objects, Bob's is new.
    const more = [...images, ...frames('Bob', 2, 'c')];
    const second = summarize([ada, bob, cy], more, []);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.images).toHaveLength(8);
    expect(second[2]).toBe(first[2]);
    // A renamed person is new; a changed record (its part fixed) makes its person new.
    const renamed = { ...cy, name: 'Cyrus' };
    const third = summarize([ada, bob, renamed], more, []);
    expect(third[2]).not.toBe(second[2]);
    expect(third[2]?.identity.name).toBe('Cyrus');
    const fixed = more.map((image, i) => (i === 0 ? { ...image, split: 'train' as const } : image));
    const fourth = summarize([ada, bob, renamed], fixed, []);
    expect(fourth[0]).not.toBe(third[0]);
    expect(fourth[1]).toBe(third[1]);
    // The summaries themselves are those summarizeIdentities gives.
    expect(fourth).toEqual(summarizeIdentities([ada, bob, renamed], fixed, []));
  });
});
