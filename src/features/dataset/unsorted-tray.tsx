// The Unsorted tray: faces not yet given to a person (photos dropped without a person, every
// face of a group photo its own crop). Its thumbnails are selected and dragged like a person's;
// images dragged onto it go back to Unsorted.

import { naturalOrder } from '../../lib/natural-order';
import { useMemo } from 'react';
import { UNSORTED_ID, type ImageRecord } from '../../storage/records';
import { useAppStore } from '../../store';
import { FaceGroupsPanel } from './face-groups-panel';
import { ThumbGrid } from './thumb-grid';
import { groupsStillUnsorted } from '../../domain/face-groups';
import { useImageDrop } from './use-image-drop';

/** Unsorted images in the order they are shown: by source photo, then face within it. */
export function unsortedInOrder(images: readonly ImageRecord[]): ImageRecord[] {
  return images
    .filter((image) => image.identityId === UNSORTED_ID)
    .sort(
      (a, b) =>
        naturalOrder(a.sourceName, b.sourceName) ||
        (a.faceIndex ?? 0) - (b.faceIndex ?? 0) ||
        a.id.localeCompare(b.id),
    );
}

export function UnsortedTray() {
  const images = useAppStore((s) => s.images);
  const faceGroups = useAppStore((s) => s.faceGroups);
  const unsorted = useMemo(() => unsortedInOrder(images), [images]);
  // Once grouped, the list below the groups holds the faces in no group of two or more.
  const ungrouped = useMemo(() => {
    if (!faceGroups) return unsorted;
    const here = new Map(unsorted.map((image) => [image.id, image]));
    const grouped = new Set(
      groupsStillUnsorted(faceGroups.groups, here).flatMap((group) => group.map((i) => i.id)),
    );
    return unsorted.filter((image) => !grouped.has(image.id));
  }, [faceGroups, unsorted]);
  const moveImages = useAppStore((s) => s.moveImages);
  const selectImages = useAppStore((s) => s.selectImages);
  const drop = useImageDrop((ids) => void moveImages(ids, UNSORTED_ID).catch(() => undefined));

  return (
    <section
      className={`unsorted-tray ${drop.over ? 'drop-target-over' : ''}`}
      aria-labelledby="unsorted-heading"
      {...drop.handlers}
    >
      <header className="card-header">
        <h2 id="unsorted-heading">Unsorted</h2>
        <span className="count">
          {unsorted.length} face{unsorted.length === 1 ? '' : 's'}
        </span>
      </header>
      {unsorted.length === 0 ? (
        <p className="muted">
          Nothing to sort. Photos dropped without a person land here, every face its own image; drag
          images here to take them away from a person.
        </p>
      ) : (
        <>
          <p className="muted">
            Select faces and drag them onto a person, onto New person, or use Move to. Unsorted
            faces are not trained on.
          </p>
          <FaceGroupsPanel />
          {faceGroups && <h3 className="ungrouped-heading">Not in a group ({ungrouped.length})</h3>}
          <ThumbGrid
            images={ungrouped}
            label="Unsorted faces"
            ownerName="Unsorted"
            firstPage={120}
          />
          <button
            type="button"
            className="link"
            onClick={() => selectImages(ungrouped.map((image) => image.id))}
          >
            Select all {ungrouped.length}
          </button>
        </>
      )}
    </section>
  );
}
