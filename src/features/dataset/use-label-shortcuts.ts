// Keyboard shortcuts of the Dataset screen for image changes: Ctrl/Cmd+Z undoes the last one,
// Ctrl/Cmd+Shift+Z or Ctrl+Y redoes it. Keys typed into a field are left to the field.

import { useEffect } from 'react';
import { useAppStore } from '../../store';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function useLabelShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || typing(event.target)) return;
      const key = event.key.toLowerCase();
      const { undoLabelChange, redoLabelChange } = useAppStore.getState();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void undoLabelChange().catch(() => undefined);
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        void redoLabelChange().catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
