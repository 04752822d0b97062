// One line for app-wide messages (errors and confirmations), with an undo button when the
// last action can be undone, and "Saving…" while a change made final is still being written.

import { useAppStore } from '../store';
import { UNDO_SECONDS } from '../store/dataset-slice';

export function NoticeBar() {
  const notice = useAppStore((s) => s.notice);
  const undoEntry = useAppStore((s) => s.undoEntry);
  const showNotice = useAppStore((s) => s.showNotice);
  const undo = useAppStore((s) => s.undo);
  const dismissUndo = useAppStore((s) => s.dismissUndo);
  const saving = useAppStore((s) => s.savingCount > 0);

  return (
    <div className="notices">
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
