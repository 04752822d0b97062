import { describe, expect, it } from 'vitest';
import { STRANGERS_ID, UNSORTED_ID, type ImageRecord } from '../storage/records';
import { runStrangers } from './run-strangers';

const image = (id: string, identityId: string, captureGroup = id): ImageRecord => ({
  id,
  identityId,
  sourceName: `${id}.jpg`,
  hash: id,
  width: 100,
  height: 100,
  format: 'jpeg',
  bytes: 1,
  addedAt: 0,
  captureGroup,
  crop: 'aligned',
});

describe('runStrangers', () => {
  it('takes the Strangers collection only, into val and test, one stranger in one part', () => {
    const images = [
      ...Array.from({ length: 4 }, (_, k) => image(`a${k}`, STRANGERS_ID, 'stranger:A')),
      ...Array.from({ length: 4 }, (_, k) => image(`b${k}`, STRANGERS_ID, 'stranger:B')),
      ...Array.from({ length: 4 }, (_, k) => image(`c${k}`, STRANGERS_ID, 'stranger:C')),
      image('p1', 'person-1'),
      image('u1', UNSORTED_ID),
    ];
    const { val, test } = runStrangers(images);
    expect(val.length + test.length).toBe(12);
    expect(test).toHaveLength(4);
    const ids = [...val, ...test].map((s) => s.id);
    expect(ids).not.toContain('p1');
    expect(ids).not.toContain('u1');
    const testGroup = new Set(test.map((s) => s.id[0]));
    expect(testGroup.size).toBe(1);
    expect(val.every((s) => !testGroup.has(s.id[0] as string))).toBe(true);
  });

  it('is empty without strangers', () => {
    expect(runStrangers([image('p1', 'person-1')])).toEqual({ val: [], test: [] });
  });
});
