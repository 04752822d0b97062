// Past training runs: their settings, final metrics, backend and status; an interrupted run (the
// tab closed mid-run) can be resumed from its last checkpoint; any run can be deleted. Imported
// models are listed on the Export screen, where they are imported.

import { useAppStore } from '../../store';
import { describeNetwork } from '../../ml/config';
import { isTrainedRun, type TrainedRunRecord } from '../../storage/run-records';

function summary(run: TrainedRunRecord): string {
  const c = run.config;
  const network = describeNetwork(c);
  return `${network}, ${c.head}${c.head === 'arcface' ? ` s=${c.scale} m=${c.margin}` : ''}, ${c.optimizer} ${c.learningRate}, batch ${c.batchSize}`;
}

const percent = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)} %`;

export function RunList() {
  const stored = useAppStore((s) => s.runs);
  const runs = stored.filter(isTrainedRun);
  const activeId = useAppStore((s) => s.activeRun?.runId);
  const removeRun = useAppStore((s) => s.removeRun);
  const resumeRun = useAppStore((s) => s.resumeRun);
  if (runs.length === 0) return null;

  return (
    <section className="panel" aria-label="Past runs">
      <h2>Runs</h2>
      <table className="runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Settings</th>
            <th scope="col">Epochs</th>
            <th scope="col">Train acc.</th>
            <th scope="col">Val acc.</th>
            <th scope="col">Backend</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const last = run.epochs.at(-1);
            const interrupted =
              (run.status === 'running' || run.status === 'paused') && run.id !== activeId;
            const resumable =
              run.id !== activeId &&
              run.status !== 'completed' &&
              run.epochs.length > 0 &&
              run.epochs.length < run.config.epochs;
            return (
              <tr key={run.id}>
                <td>{new Date(run.createdAt).toLocaleString()}</td>
                <td>{summary(run)}</td>
                <td>
                  {run.epochs.length} / {run.config.epochs}
                </td>
                <td>{percent(last?.trainAccuracy)}</td>
                <td>{percent(last?.valAccuracy)}</td>
                <td>{run.backend}</td>
                <td title={run.error?.message}>{interrupted ? 'interrupted' : run.status}</td>
                <td className="row">
                  {resumable && !activeId && (
                    <button type="button" onClick={() => resumeRun(run)}>
                      Resume run
                    </button>
                  )}
                  {run.id !== activeId && (
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Delete run of ${new Date(run.createdAt).toLocaleString()}`}
                      onClick={() => void removeRun(run.id)}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
