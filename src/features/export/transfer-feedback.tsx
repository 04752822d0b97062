// Owns how the Export screen's panels report a transfer: a labelled progress bar (with an
// optional Cancel), a status line that screen readers announce, and the failure as an alert.

import { useId, type ReactNode } from 'react';

export function TransferProgress({
  label,
  done,
  total,
  onCancel,
  cancelLabel,
}: {
  label: ReactNode;
  done: number;
  total: number;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const id = useId();
  return (
    <div className="export-progress">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={Math.max(1, total)} value={done} />
      {onCancel && (
        <button type="button" className="quiet" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
    </div>
  );
}

/** The status line (always present, so it is announced when it changes) and, below it, the failure. */
export function TransferStatus({
  testId,
  children,
  failure,
}: {
  testId: string;
  children?: ReactNode;
  failure: string | null;
}) {
  return (
    <>
      <div role="status" className="muted" data-testid={testId}>
        {children}
      </div>
      {failure !== null && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}
