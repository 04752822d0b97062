import { describe, expect, test } from 'vitest';
import { EMPTY_SELECTION, clickKind, clickSelection } from './image-selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('clicking thumbnails', () => {
  test('a plain click selects only that image and sets the anchor', () => {
    const s = clickSelection({ ids: new Set(['a', 'b']), anchor: 'a' }, 'd', 'only', order);
    expect(ids(s)).toEqual(['d']);
    expect(s.anchor).toBe('d');
  });

  test('Ctrl-click adds and removes one image', () => {
    const one = clickSelection(EMPTY_SELECTION, 'b', 'toggle', order);
    const two = clickSelection(one, 'd', 'toggle', order);
    expect(ids(two)).toEqual(['b', 'd']);
    expect(ids(clickSelection(two, 'b', 'toggle', order))).toEqual(['d']);
  });

  test('Shift-click selects the range from the anchor, either way, keeping earlier picks', () => {
    const start = clickSelection(EMPTY_SELECTION, 'd', 'only', order);
    expect(ids(clickSelection(start, 'b', 'range', order))).toEqual(['b', 'c', 'd']);
    const picked = clickSelection(clickSelection(start, 'a', 'toggle', order), 'c', 'range', order);
    // The anchor moved to a (the last Ctrl-click): a..c, with d kept.
    expect(ids(picked)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('Shift-click without an anchor, or with one not shown, selects just the image', () => {
    expect(ids(clickSelection(EMPTY_SELECTION, 'c', 'range', order))).toEqual(['c']);
    const elsewhere = { ids: new Set(['x']), anchor: 'x' };
    expect(ids(clickSelection(elsewhere, 'c', 'range', order))).toEqual(['c']);
  });

  test('modifier keys name the kind of click', () => {
    const keys = { shiftKey: false, ctrlKey: false, metaKey: false };
    expect(clickKind(keys)).toBe('only');
    expect(clickKind({ ...keys, metaKey: true })).toBe('toggle');
    expect(clickKind({ ...keys, ctrlKey: true })).toBe('toggle');
    expect(clickKind({ ...keys, shiftKey: true, ctrlKey: true })).toBe('range');
  });
});
