import { describe, expect, test } from 'vitest';
import { imageRecord } from '../storage/test-utils/image-fixtures';
import { STRANGERS_ID, UNSORTED_ID } from '../storage/records';
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

describe('moving images to and from Strangers', () => {
  const mixed = [...images, imageRecord('s1', STRANGERS_ID)];

  test('Strangers takes images and gives them back, even when no person is called that', () => {
    const moves = planMoves(mixed, ['i1', 'i3', 's1'], STRANGERS_ID);
    expect(moves).toEqual([
      { id: 'i1', from: 'ada', to: STRANGERS_ID },
      { id: 'i3', from: UNSORTED_ID, to: STRANGERS_ID },
    ]);
    const onlyAda = (id: string) => id === 'ada';
    const forward = applyMoves(mixed, moves, 'forward', onlyAda);
    expect(forward.changed.map((r) => [r.id, r.identityId])).toEqual([
      ['i1', STRANGERS_ID],
      ['i3', STRANGERS_ID],
    ]);
    const after = mixed.map((r) => forward.changed.find((c) => c.id === r.id) ?? r);
    const back = applyMoves(after, moves, 'back', onlyAda);
    expect(back.changed.map((r) => [r.id, r.identityId])).toEqual([
      ['i1', 'ada'],
      ['i3', UNSORTED_ID],
    ]);
  });

  test('a stranger moved to a person comes back to Strangers on undo, not to Unsorted', () => {
    const moves = planMoves(mixed, ['s1'], 'ada');
    const after = mixed.map((r) => (r.id === 's1' ? { ...r, identityId: 'ada' } : r));
    const back = applyMoves(after, moves, 'back', () => false);
    expect(back.changed.map((r) => r.identityId)).toEqual([STRANGERS_ID]);
    expect(back.toUnsorted).toBe(0);
    expect(targetName(STRANGERS_ID, [{ id: 'ada', name: 'Ada' }])).toBe('Strangers');
  });
});
