// Makes an element a drop target for dragged thumbnails: it lights up while images are over it
// and hands their ids over on drop. Files dragged from the desktop pass through to the screen's
// drop zone, which imports them (into this target's person when it names one).

import { useRef, useState, type DragEvent } from 'react';
import { carriesImages, droppedImageIds } from './image-drag';

export interface ImageDropTarget {
  over: boolean;
  handlers: {
    onDragEnter(event: DragEvent): void;
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
}

export function useImageDrop(onImages: (ids: string[]) => void): ImageDropTarget {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  return {
    over,
    handlers: {
      onDragEnter(event) {
        if (!carriesImages(event)) return;
        event.preventDefault();
        depth.current++;
        setOver(true);
      },
      onDragOver(event) {
        if (!carriesImages(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      },
      onDragLeave(event) {
        if (!carriesImages(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDrop(event) {
        if (!carriesImages(event)) return;
        event.preventDefault();
        event.stopPropagation();
        depth.current = 0;
        setOver(false);
        const ids = droppedImageIds(event);
        if (ids.length > 0) onImages(ids);
      },
    },
  };
}
