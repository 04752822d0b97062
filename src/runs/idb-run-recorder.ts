// Owns a training run's record and checkpoint in IndexedDB (through storage/run-repo): the run
// record kept in memory and saved at its start, after every epoch (after that epoch's checkpoint,
// so a stored epoch row always has its checkpoint) and at its end.
import { AppError } from '../lib/errors';
import { getCheckpoint, getRun, saveCheckpoint, saveRun } from '../storage/run-repo';
import type { RunRecord } from '../storage/run-records';
import type { RunRecorder } from './run-recorder';

export function createIdbRunRecorder(runId: string): RunRecorder {
  let record: RunRecord | null = null;
  const begun = (): RunRecord => {
    if (!record) throw new AppError('worker-failed', 'The run was recorded before it began.');
    return record;
  };
  return {
    async resumePoint() {
      const [run, checkpoint] = [await getRun(runId), await getCheckpoint(runId)];
      if (!run || !checkpoint) {
        throw new AppError('not-found', 'This run has no checkpoint to resume from.');
      }
      return { run, checkpoint };
    },

    async begin({ resumed, ...run }) {
      record = resumed
        ? {
            ...resumed,
            status: 'running',
            backend: run.backend,
            prepareSeconds: run.prepareSeconds,
          }
        : {
            id: runId,
            createdAt: Date.now(),
            updatedAt: Date.now(),
            ...run,
            status: 'running',
            epochs: [],
            steps: [],
          };
      await saveRun(record);
    },

    addSteps(points) {
      begun().steps.push(...points);
    },

    async endEpoch(metrics, state) {
      const run = begun();
      run.epochs.push(metrics);
      await saveCheckpoint({ runId, epoch: metrics.epoch, state, savedAt: Date.now() });
      await saveRun(run);
    },

    async finish(outcome) {
      const run = begun();
      run.status = outcome;
      await saveRun(run);
    },

    async fail(error) {
      if (!record) return;
      record.status = 'failed';
      record.error = error;
      await saveRun(record).catch(() => undefined);
    },
  };
}
