// Start, pause, resume and stop, with the run's progress: epoch, step, images per second, ETA,
// and the outcome of the last run (including why it failed).

import { useAppStore } from '../../store';

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

const STAGE_TEXT = {
  reading: 'Reading the photos',
  building: 'Building the network',
  encoding: 'Computing the pretrained encoder’s features',
} as const;

/**
 * How far a stage is: photos read as a count ("96 of 121"); the encoder's work as a share, since
 * it counts each training photo twice when flips are on (189 for 121 photos read as a mistake).
 */
function preparedShare({
  stage,
  done,
  total,
}: {
  stage: keyof typeof STAGE_TEXT;
  done: number;
  total: number;
}): string {
  return stage === 'encoding' ? `${Math.floor((100 * done) / total)} %` : `${done} of ${total}`;
}

export function RunControls({ canStart, onStart }: { canStart: boolean; onStart(): void }) {
  const pause = useAppStore((s) => s.pauseRun);
  const resume = useAppStore((s) => s.resumePausedRun);
  const stop = useAppStore((s) => s.stopRun);
  const run = useAppStore((s) => s.activeRun);
  const points = useAppStore((s) => s.points);
  const epochs = useAppStore((s) => s.epochMetrics);
  const outcome = useAppStore((s) => s.lastOutcome);
  const last = epochs.at(-1);
  const lastPoint = points.at(-1);
  const stepsDone = lastPoint ? lastPoint.step + 1 : 0;

  return (
    <section className="panel run-controls" aria-label="Run">
      <div className="row">
        {!run && (
          <button type="button" className="primary" disabled={!canStart} onClick={onStart}>
            Start training
          </button>
        )}
        {(run?.status === 'running' || run?.status === 'starting') && (
          <button type="button" onClick={pause}>
            Pause
          </button>
        )}
        {run?.status === 'paused' && (
          <button type="button" onClick={resume}>
            Resume
          </button>
        )}
        {run && (
          <button
            type="button"
            className="danger"
            disabled={run.status === 'stopping'}
            onClick={stop}
          >
            Stop
          </button>
        )}
        <span role="status" data-testid="run-status">
          {run?.status === 'starting' &&
            !run.preparing &&
            'Loading images and building the network…'}
          {run?.status === 'starting' &&
            run.preparing &&
            (run.preparing.total > 0
              ? `${STAGE_TEXT[run.preparing.stage]}: ${preparedShare(run.preparing)}…`
              : `${STAGE_TEXT[run.preparing.stage]}…`)}
          {run?.status === 'running' &&
            `Training ${run.identities.length} people on ${run.trainImages} images (validating on ${run.valImages}).`}
          {run?.status === 'paused' && 'Paused.'}
          {run?.status === 'stopping' && 'Stopping after this step…'}
          {!run && outcome?.outcome === 'completed' && 'Training finished.'}
          {!run &&
            outcome?.outcome === 'stopped' &&
            (epochs.length > 0
              ? 'Training stopped. The last epoch’s checkpoint is kept.'
              : 'Training stopped before its first epoch ended; no checkpoint was saved.')}
        </span>
      </div>
      {run?.preparing && run.preparing.total > 0 && run.totalSteps === 0 && (
        <progress
          max={run.preparing.total}
          value={run.preparing.done}
          aria-label={STAGE_TEXT[run.preparing.stage]}
        />
      )}
      {run && run.totalSteps > 0 && (
        <>
          <progress max={run.totalSteps} value={stepsDone} aria-label="Training progress" />
          <p className="muted">
            Epoch {Math.min(run.totalEpochs, (lastPoint?.epoch ?? 0) + 1)} of {run.totalEpochs} ·
            step {stepsDone} of {run.totalSteps}
            {last &&
              ` · ${last.imagesPerSecond.toFixed(1)} images/s · about ${duration(last.etaSeconds)} left`}
          </p>
        </>
      )}
      {!run && outcome?.outcome === 'failed' && (
        <p className="field-error" role="alert">
          {outcome.message}
        </p>
      )}
    </section>
  );
}
