// What a burst did: frames taken, kept and dropped with each reason, live while it runs and as a
// summary after; a burst stopped by the camera or the disk says so, and that kept frames stay.

import { QUALITY_MESSAGES } from '../../vision/face-quality';
import type { BurstProgress, BurstSummary, DropReason } from '../../services/run-burst';

const REASONS: Record<DropReason, string> = {
  ...QUALITY_MESSAGES,
  duplicate: 'Same as a stored image',
};

function dropped(progress: BurstProgress): string {
  const parts = (Object.entries(progress.dropped) as [DropReason, number][]).filter(
    ([, n]) => n > 0,
  );
  return parts.length === 0
    ? ''
    : ` (${parts.map(([reason, n]) => `${REASONS[reason].split(':')[0]}: ${n}`).join(', ')})`;
}

export function BurstReport({
  progress,
  summary,
}: {
  progress: BurstProgress | null;
  summary: BurstSummary | null;
}) {
  if (progress) {
    const droppedCount = progress.taken - progress.kept;
    return (
      <p role="status" aria-label="Burst progress">
        Frame {progress.taken} of {progress.count} · kept {progress.kept} · dropped {droppedCount}
        {dropped(progress)}
      </p>
    );
  }
  if (!summary) return null;
  const droppedCount = summary.taken - summary.kept;
  return (
    <section aria-label="Burst summary" className={summary.stopped ? 'failed' : ''}>
      <p>
        <strong>
          {summary.stopped
            ? 'Burst stopped'
            : summary.cancelled
              ? 'Burst cancelled'
              : 'Burst finished'}
          : {summary.kept} kept, {droppedCount} dropped
        </strong>
        {dropped(summary)}
      </p>
      {summary.stopped && (
        <p className="field-error" role="alert">
          {summary.stopped.message}{' '}
          {summary.kept > 0 ? `The ${summary.kept} frames kept before it are stored.` : ''}
        </p>
      )}
    </section>
  );
}
