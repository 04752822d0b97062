// Keyboard shortcuts of the Dataset screen: Ctrl/Cmd+Z undoes the latest change (a person's
// rename, merge or delete while its undo is offered, else the last image change), Ctrl/Cmd+Shift+Z
// or Ctrl+Y redoes an image change. Keys typed into a field are left to the field.

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
      const { undoLatest, redoLabelChange } = useAppStore.getState();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void undoLatest().catch(() => undefined);
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        void redoLabelChange().catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
