// A grid of thumbnails that can be selected and dragged: click selects one, Ctrl/Cmd-click adds
// or removes one, Shift-click a range; a drag carries the selection (or the one image grabbed).
// By keyboard: arrows move, Space selects, Shift+Space a range, Ctrl/Cmd+A all, Enter opens the
// image larger, Delete deletes the selection, Escape clears it. Long lists show a page at a time.

import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Thumb } from '../../components/thumb';
import { clickKind } from '../../domain/image-selection';
import type { SplitPart } from '../../ml/split';
import type { ImageRecord } from '../../storage/records';
import { useAppStore } from '../../store';
import { startImageDrag } from './image-drag';
import { faceNote, shortFaceNote } from './face-note';

const PAGE = 120;

interface Props {
  images: readonly ImageRecord[];
  /** Names the grid for screen readers, e.g. "Images of Ada". */
  label: string;
  /** Who the images belong to, for each thumbnail's text ("Ada: 1.jpg"). */
  ownerName: string;
  partOf?: (imageId: string) => SplitPart | undefined;
  /** How many to show before "Show more". */
  firstPage?: number;
}

export function ThumbGrid({ images, label, ownerName, partOf, firstPage = PAGE }: Props) {
  const selected = useAppStore((s) => s.selection.ids);
  const clickImage = useAppStore((s) => s.clickImage);
  const selectImages = useAppStore((s) => s.selectImages);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const openImage = useAppStore((s) => s.openImage);
  const deleteImagesById = useAppStore((s) => s.deleteImagesById);
  const [shown, setShown] = useState(firstPage);
  const [focused, setFocused] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const order = useMemo(() => images.map((image) => image.id), [images]);
  const visible = images.slice(0, shown);

  const focusAt = (index: number) => {
    const next = Math.max(0, Math.min(visible.length - 1, index));
    setFocused(next);
    list.current?.querySelectorAll<HTMLElement>('[role="option"]')[next]?.focus();
  };

  const columns = () => {
    const items = list.current?.querySelectorAll<HTMLElement>('[role="option"]');
    if (!items || items.length < 2) return 1;
    const top = items[0]?.offsetTop ?? 0;
    let n = 0;
    while (n < items.length && items[n]?.offsetTop === top) n++;
    return Math.max(1, n);
  };

  const onKeyDown = (event: KeyboardEvent, index: number, id: string) => {
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns(),
      ArrowUp: -columns(),
      Home: -index,
      End: visible.length - 1 - index,
    };
    const step = moves[event.key];
    if (step !== undefined) {
      event.preventDefault();
      focusAt(index + step);
    } else if (event.key === ' ') {
      event.preventDefault();
      clickImage(id, event.shiftKey ? 'range' : 'toggle', order);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!selected.has(id)) clickImage(id, 'only', order);
      openImage(id);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      const ids = selected.size > 0 ? [...selected] : [id];
      void deleteImagesById(ids).catch(() => undefined);
    } else if (event.key === 'Escape') {
      clearSelection();
    } else if (event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      selectImages(order);
    }
  };

  return (
    <>
      <ul
        ref={list}
        className="thumbs"
        role="listbox"
        aria-label={label}
        aria-multiselectable="true"
      >
        {visible.map((image, index) => {
          const part = partOf?.(image.id);
          const note = faceNote(image);
          const isSelected = selected.has(image.id);
          return (
            <li
              key={image.id}
              role="option"
              aria-selected={isSelected}
              aria-label={[`${ownerName}: ${image.sourceName}`, part, note]
                .filter(Boolean)
                .join(', ')}
              tabIndex={index === Math.min(focused, visible.length - 1) ? 0 : -1}
              draggable
              data-image-id={image.id}
              className={`thumb ${part ? `part-${part}` : 'part-none'} ${isSelected ? 'selected' : ''}`}
              title={[image.sourceName, part, note].filter(Boolean).join(' · ')}
              onClick={(event) => {
                setFocused(index);
                clickImage(image.id, clickKind(event), order);
              }}
              onDoubleClick={() => openImage(image.id)}
              onKeyDown={(event) => onKeyDown(event, index, image.id)}
              onDragStart={(event) => {
                // A selected image carries the whole selection (from every grid); an image
                // not selected travels alone, and the selection is left as it was.
                startImageDrag(event, isSelected ? [...selected] : [image.id]);
              }}
            >
              <Thumb imageId={image.id} alt={`${ownerName}: ${image.sourceName}`} />
              {note && <span className="face-note">{shortFaceNote(image)}</span>}
            </li>
          );
        })}
      </ul>
      {images.length > shown && (
        <button type="button" className="link" onClick={() => setShown(shown + PAGE)}>
          Show more ({shown} of {images.length} shown)
        </button>
      )}
      {shown > firstPage && images.length > firstPage && images.length <= shown && (
        <button type="button" className="link" onClick={() => setShown(firstPage)}>
          Show fewer
        </button>
      )}
    </>
  );
}
