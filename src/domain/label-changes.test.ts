import { describe, expect, test } from 'vitest';
import { imageRecord } from '../storage/test-utils/image-fixtures';
import { UNSORTED_ID } from '../storage/records';
import { applyMoves, planMoves, targetName } from './label-changes';

const images = [imageRecord('i1', 'ada'), imageRecord('i2', 'ada'), imageRecord('i3', UNSORTED_ID)];

describe('moving images between people', () => {
  test('plans moves only for stored images not already with the target', () => {
    expect(planMoves(images, ['i1', 'i3', 'gone', 'i1'], 'ada')).toEqual([
      { id: 'i3', from: UNSORTED_ID, to: 'ada' },
    ]);
    expect(planMoves(images, ['i1', 'i2'], 'ada')).toEqual([]);
  });

  test('applies forward and back', () => {
    const moves = planMoves(images, ['i1', 'i3'], 'bob');
    const forward = applyMoves(images, moves, 'forward', () => true);
    expect(forward.changed.map((r) => [r.id, r.identityId])).toEqual([
      ['i1', 'bob'],
      ['i3', 'bob'],
    ]);
    const after = images.map((r) => forward.changed.find((c) => c.id === r.id) ?? r);
    const back = applyMoves(after, moves, 'back', () => true);
    expect(back.changed.map((r) => [r.id, r.identityId])).toEqual([
      ['i1', 'ada'],
      ['i3', UNSORTED_ID],
    ]);
    expect(back.toUnsorted).toBe(0);
  });

  test('an image whose person was deleted since goes back to Unsorted, and is counted', () => {
    const moves = planMoves(images, ['i1'], 'bob');
    const after = images.map((r) => (r.id === 'i1' ? { ...r, identityId: 'bob' } : r));
    const back = applyMoves(after, moves, 'back', (id) => id !== 'ada');
    expect(back.changed.map((r) => r.identityId)).toEqual([UNSORTED_ID]);
    expect(back.toUnsorted).toBe(1);
  });

  test('names targets', () => {
    expect(targetName(UNSORTED_ID, [])).toBe('Unsorted');
    expect(targetName('ada', [{ id: 'ada', name: 'Ada' }])).toBe('Ada');
  });
});
