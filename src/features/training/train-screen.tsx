// The Train screen: the backend, an offer to resume an interrupted run, the settings, who could
// not be evaluated, the run controls, live charts and the list of runs.

import { useState } from 'react';
import { RECOMMENDED_CONFIG, validateConfig, type TrainConfig } from '../../ml/config';
import { useAppStore } from '../../store';
import { isTrainedRun } from '../../storage/run-records';
import { BackendStatus } from './backend-status';
import { ConfigForm } from './config-form';
import { ConfigJsonPanel } from './config-json-panel';
import { EvaluationGapsNote } from './evaluation-gaps-note';
import { RunControls } from './run-controls';
import { RunList } from './run-list';
import { TrainingCharts } from './training-charts';

export function TrainScreen() {
  const [config, setConfig] = useState<TrainConfig>(RECOMMENDED_CONFIG);
  const startRun = useAppStore((s) => s.startRun);
  const resumeRun = useAppStore((s) => s.resumeRun);
  const busy = useAppStore((s) => s.activeRun !== null);
  const ready = useAppStore((s) => s.backendReport !== null);
  const interrupted = useAppStore((s) =>
    s.activeRun
      ? undefined
      : s.runs
          .filter(isTrainedRun)
          .find((r) => (r.status === 'running' || r.status === 'paused') && r.epochs.length > 0),
  );
  const valid = validateConfig(config).length === 0;

  return (
    <div className="train-screen">
      <BackendStatus />
      {interrupted && (
        <div className="panel resume-offer" role="region" aria-label="Interrupted run">
          <p>
            A run was interrupted after epoch {interrupted.epochs.length} of{' '}
            {interrupted.config.epochs}. Resume it from its last checkpoint?
          </p>
          <button type="button" className="primary" onClick={() => resumeRun(interrupted)}>
            Resume interrupted run
          </button>
        </div>
      )}
      <ConfigForm config={config} onChange={setConfig} disabled={busy} />
      <ConfigJsonPanel config={config} onApply={setConfig} disabled={busy} />
      <EvaluationGapsNote />
      <RunControls canStart={valid && ready && !busy} onStart={() => startRun(config)} />
      <TrainingCharts />
      <RunList />
    </div>
  );
}
