// One line for app-wide messages (errors and confirmations), with an undo button when the
// last action can be undone, and "Saving…" while a change made final is still being written.
// It sticks to the top of the window; its height is published as --notices-height, so that a
// screen's own sticky bar (the Dataset screen's selection bar) sticks below it, not over it.

import { useEffect, useRef } from 'react';
import { useAppStore } from '../store';
import { UNDO_SECONDS } from '../store/dataset-slice';

export function NoticeBar() {
  const notice = useAppStore((s) => s.notice);
  const undoEntry = useAppStore((s) => s.undoEntry);
  const showNotice = useAppStore((s) => s.showNotice);
  const undo = useAppStore((s) => s.undo);
  const dismissUndo = useAppStore((s) => s.dismissUndo);
  const saving = useAppStore((s) => s.savingCount > 0);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() =>
      root.setProperty('--notices-height', `${element.offsetHeight}px`),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.removeProperty('--notices-height');
    };
  }, []);

  return (
    <div className="notices" ref={bar}>
      {saving && !undoEntry && (
        <div className="notice notice-info" role="status">
          <span>Saving…</span>
        </div>
      )}
      {undoEntry && (
        <div className="notice notice-undo" role="status">
          <span>{undoEntry.message}</span>
          <button type="button" onClick={() => void undo()}>
            Undo
          </button>
          <button
            type="button"
            className="quiet"
            onClick={() => void dismissUndo()}
            title={`Undo is offered for ${UNDO_SECONDS} seconds`}
          >
            Dismiss
          </button>
        </div>
      )}
      {notice && (
        <div
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <span>{notice.text}</span>
          <button type="button" className="quiet" onClick={() => showNotice(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
