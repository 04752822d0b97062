// How a click changes the selection of thumbnails, as in a file manager: a plain click selects
// one image, Ctrl/Cmd-click adds or removes one, Shift-click selects the range from the last
// clicked image (the anchor) to this one in the order shown. Pure: the store keeps the result.

export type ClickKind = 'only' | 'toggle' | 'range';

export interface Selection {
  ids: ReadonlySet<string>;
  /** The image a Shift-click range starts from. */
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** The selection after clicking `id` (the images shown in `order`, where a range is taken). */
export function clickSelection(
  current: Selection,
  id: string,
  kind: ClickKind,
  order: readonly string[],
): Selection {
  if (kind === 'toggle') {
    const ids = new Set(current.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  if (kind === 'range' && current.anchor !== null) {
    const from = order.indexOf(current.anchor);
    const to = order.indexOf(id);
    if (from >= 0 && to >= 0) {
      const [start, end] = from <= to ? [from, to] : [to, from];
      // A range adds to what was selected, as Shift-click does in file managers after Ctrl-clicks.
      return {
        ids: new Set([...current.ids, ...order.slice(start, end + 1)]),
        anchor: current.anchor,
      };
    }
  }
  return { ids: new Set([id]), anchor: id };
}

/** `kind` from a mouse or keyboard event's modifier keys. */
export function clickKind(event: {
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}): ClickKind {
  if (event.shiftKey) return 'range';
  if (event.ctrlKey || event.metaKey) return 'toggle';
  return 'only';
}
