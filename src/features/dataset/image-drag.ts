// What a drag of thumbnails carries between the Dataset screen's grids and drop targets: the
// dragged images' ids under a type of the studio's own, so a drop target tells them apart
// from files dragged in from the desktop.

import type { DragEvent } from 'react';

export const IMAGE_DRAG_TYPE = 'application/x-face-studio-images';

export function startImageDrag(event: DragEvent, ids: readonly string[]): void {
  event.dataTransfer.setData(IMAGE_DRAG_TYPE, JSON.stringify(ids));
  event.dataTransfer.effectAllowed = 'move';
}

export function carriesImages(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes(IMAGE_DRAG_TYPE);
}

export function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/** The ids a drop carries; none when it carries no images of the studio's own. */
export function droppedImageIds(event: DragEvent): string[] {
  const raw = event.dataTransfer.getData(IMAGE_DRAG_TYPE);
  if (!raw) return [];
  try {
    const ids: unknown = JSON.parse(raw);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
