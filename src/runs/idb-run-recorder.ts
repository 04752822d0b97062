// Owns a training run's record and checkpoint in IndexedDB (through storage/run-repo): the run
// record kept in memory and saved at its start, after every epoch (together with that epoch's
// checkpoint, in one transaction, so a stored epoch row always has its checkpoint and a
// checkpoint never runs ahead of the record) and at its end.
import { AppError } from '../lib/errors';
import { getCheckpoint, getRun, saveCheckpointWithRun, saveRun } from '../storage/run-repo';
import { isTrainedRun, type TrainedRunRecord } from '../storage/run-records';
import type { RunRecorder } from './run-recorder';

export function createIdbRunRecorder(runId: string): RunRecorder {
  let record: TrainedRunRecord | null = null;
  const begun = (): TrainedRunRecord => {
    if (!record) throw new AppError('worker-failed', 'The run was recorded before it began.');
    return record;
  };
  return {
    async resumePoint() {
      const [run, checkpoint] = [await getRun(runId), await getCheckpoint(runId)];
      if (!run || !isTrainedRun(run) || !checkpoint) {
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
            // A run recorded before its image list was kept stores the rebuilt one from now on.
            images: resumed.images ?? run.images,
            stepsPerEpoch: resumed.stepsPerEpoch ?? run.stepsPerEpoch,
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
      const checkpoint = { runId, epoch: metrics.epoch, state, savedAt: Date.now() };
      await saveCheckpointWithRun(checkpoint, { ...run, epochs: [...run.epochs, metrics] });
      run.epochs.push(metrics);
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
