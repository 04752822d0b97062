// Who a run could not evaluate, and why: a person enrolled only by one webcam burst now gets val
// and test frames; one with too few images, or whose parts an earlier version fixed all in
// train, is named with the reason.

import { describe, expect, it } from 'vitest';
import type { IdentityRecord, ImageRecord } from '../storage/records';
import { imageRecord } from '../storage/test-utils/image-fixtures';
import { evaluationGaps, summarizeIdentities } from './identity-summaries';

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
