import { describe, expect, test } from 'vitest';
import { imageRecord } from '../storage/test-utils/image-fixtures';
import { UNSORTED_ID } from '../storage/records';
import { groupsStillUnsorted } from './face-groups';

describe('groups of similar faces as shown', () => {
  test('keep faces still unsorted, drop groups under two, largest first', () => {
    const unsorted = new Map(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => [id, imageRecord(id, UNSORTED_ID)]),
    );
    const shown = groupsStillUnsorted(
      [
        ['a', 'filed'],
        ['b', 'c'],
        ['d', 'e', 'gone', 'f'],
      ],
      unsorted,
    );
    expect(shown.map((group) => group.map((image) => image.id))).toEqual([
      ['d', 'e', 'f'],
      ['b', 'c'],
    ]);
  });
});
