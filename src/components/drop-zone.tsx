// A region that accepts dropped files and folders, with a visible hint while something is
// dragged over it. Hands the raw DataTransfer to its owner during the drop event.

import { useRef, useState, type DragEvent, type ReactNode } from 'react';

interface Props {
  onDropData(dataTransfer: DataTransfer, droppedOn: Element | null): void;
  hint: string;
  children: ReactNode;
}

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

export function DropZone({ onDropData, hint, children }: Props) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  return (
    <div
      className={`drop-zone ${over ? 'drop-zone-over' : ''}`}
      data-testid="drop-zone"
      onDragEnter={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        if (!carriesFiles(e)) return;
        onDropData(e.dataTransfer, e.target instanceof Element ? e.target : null);
      }}
    >
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          {hint}
        </div>
      )}
    </div>
  );
}
