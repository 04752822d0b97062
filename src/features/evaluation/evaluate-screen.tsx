// The Evaluate screen: pick a trained run, embed its train, val and test photos in the worker,
// and see how well it tells people apart (protocol folder-v1): figures, threshold, charts,
// strangers and few photos (open set), confusion matrix and the hardest pairs. A stored evaluation opens without recomputing.

import { memo, useDeferredValue, useEffect, useId } from 'react';
import { useAppStore } from '../../store';
import { ConfusionMatrix } from './confusion-matrix';
import { folderV1Report } from './folder-v1-report';
import { EvaluationCharts } from './evaluation-charts';
import { HardestMistakes } from './hardest-mistakes';
import { MetricCards } from './metric-cards';
import { OpenSetPanel } from './open-set-panel';
import { OpenSetSettings } from './open-set-settings';
import { ThresholdControl } from './threshold-control';
import { canEmbed, describeRun, isImportedRun } from '../../storage/run-records';
import { MIN_IMAGES_FOR_SPLIT } from '../../ml/split';
import type { RunRecord } from '../../storage/run-records';
import type { StoredEvaluation } from '../../storage/evaluation-repo';
import { downloadText } from '../../components/download-file';

/** The evaluation as the folder-v1 report, handed to the browser's downloads. */
function downloadReport(run: RunRecord, stored: StoredEvaluation): void {
  const sourceNames = new Map(
    useAppStore.getState().images.map((image) => [image.id, image.sourceName]),
  );
  const report = folderV1Report(run, stored, (imageId) => sourceNames.get(imageId));
  downloadText(
    JSON.stringify(report, null, 2),
    `face-studio-evaluation-${run.id}.json`,
    'application/json',
  );
}

/** The note on people not scored, and the figures: above the threshold control. */
const ReportHead = memo(function ReportHead({
  stored,
  imported,
}: {
  stored: StoredEvaluation;
  imported: boolean;
}) {
  return (
    <>
      {stored.gone && stored.gone.length > 0 && (
        <p className="panel" role="note" aria-label="People not scored">
          {imported ? (
            <>
              Not scored: {stored.gone.join(', ')}: fewer than {MIN_IMAGES_FOR_SPLIT} images to
              split into train, val and test; the figures are for the other{' '}
              {stored.identities.length} people.
            </>
          ) : (
            <>
              Not scored: {stored.gone.join(', ')}. Every image of{' '}
              {stored.gone.length === 1 ? 'this person' : 'these people'} that the run knew has been
              deleted since it trained; the figures are for the other{' '}
              {stored.identities.length - stored.gone.length} people.
            </>
          )}
        </p>
      )}
      <MetricCards stored={stored} />
    </>
  );
});

/** The charts, open-set panel, confusion matrix and hardest pairs: below the threshold control. */
const ReportBody = memo(function ReportBody({
  stored,
  imported,
}: {
  stored: StoredEvaluation;
  imported: boolean;
}) {
  return (
    <>
      <EvaluationCharts stored={stored} />
      <OpenSetPanel stored={stored} imported={imported} />
      <ConfusionMatrix stored={stored} />
      <HardestMistakes stored={stored} />
    </>
  );
});

/** Whether two stored evaluations are the same one (a moved threshold aside). */
const sameEvaluation = (a: StoredEvaluation | null, b: StoredEvaluation) =>
  a !== null && a.runId === b.runId && a.createdAt === b.createdAt;

export function EvaluateScreen() {
  const id = useId();
  const evaluate = useAppStore((s) => s.evaluate);
  const runs = useAppStore((s) => s.runs);
  const runId = useAppStore((s) => s.evaluationRunId);
  const status = useAppStore((s) => s.evaluationStatus);
  const stored = useAppStore((s) => s.evaluation);
  // The report is drawn from a deferred copy: an evaluation arriving (a store change, so a
  // synchronous render) draws only the status line at once, and the report (a confusion matrix
  // of thousands of cells with many people) in a render that gives way every few ms. Its two
  // parts are memoised, so a moved threshold redraws at once only the threshold control (the
  // report follows in the deferred render). The threshold control shows the stored evaluation
  // only when it is the one the report shows: never one run's threshold over another's figures.
  const shown = useDeferredValue(stored);
  const shownRun = shown ? runs.find((r) => r.id === shown.runId) : undefined;
  const shownImported = shownRun !== undefined && isImportedRun(shownRun);
  const error = useAppStore((s) => s.evaluationError);
  const training = useAppStore((s) => s.activeRun !== null);
  const select = useAppStore((s) => s.selectEvaluationRun);
  const evaluable = runs.filter(canEmbed);
  const run = runs.find((r) => r.id === runId);

  useEffect(() => {
    const first = evaluable[0];
    if (!runId && first) void select(first.id);
  }, [runId, evaluable, select]);

  if (evaluable.length === 0) {
    return (
      <p className="panel">
        No trained run yet. Train a model on the Train screen, or import one on the Export screen,
        then evaluate it here.
      </p>
    );
  }
  return (
    <div className="evaluate-screen">
      <section className="panel row" aria-label="Run to evaluate">
        <label htmlFor={`${id}-run`}>Run</label>
        <select id={`${id}-run`} value={runId ?? ''} onChange={(e) => void select(e.target.value)}>
          {evaluable.map((run) => (
            <option key={run.id} value={run.id}>
              {describeRun(run)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="primary"
          disabled={!runId || status === 'embedding' || training}
          onClick={() => runId && void evaluate(runId)}
        >
          {stored ? 'Evaluate again' : 'Evaluate'}
        </button>
        {stored && run && (
          // Built when asked for: as a link's address it was rebuilt (every pair's figures in
          // JSON) at each render of this screen, a long stall of the page after an evaluation.
          <button type="button" onClick={() => downloadReport(run, stored)}>
            Download report (JSON)
          </button>
        )}
        <OpenSetSettings />
        <span role="status" data-testid="evaluation-status">
          {status === 'embedding' && 'Embedding the photos with this run’s network…'}
          {training && 'Evaluation waits until training stops.'}
          {stored &&
            status === 'ready' &&
            `Evaluated ${new Date(stored.createdAt).toLocaleString()}.`}
        </span>
      </section>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {shown && (
        <>
          <ReportHead stored={shown} imported={shownImported} />
          {/* The slider follows the store at once; the report a render behind it. */}
          <ThresholdControl stored={stored && sameEvaluation(stored, shown) ? stored : shown} />
          <ReportBody stored={shown} imported={shownImported} />
        </>
      )}
    </div>
  );
}
