// The training commands as store actions, over the one training client of the page: the store
// creates it on first use (connectTraining, when the app shell mounts, or any command) and keeps
// it in this slice's closure. Its events go to the training slice's `receive`; a change of
// backend re-starts the worker's backend; a hung threaded WebAssembly start replaces the worker
// with a one-thread one, and says so. Training keeps running while the user changes screens.

import type { StateCreator } from 'zustand';
import { newId } from '../lib/ids';
import type { TrainConfig } from '../ml/config';
import type { TrainedRunRecord } from '../storage/run-records';
import { createTrainingClient, type TrainingClient } from '../worker/training-client';
import type { BackendChoice, TrainingEvent } from '../worker/training-protocol';
import type { AppState } from './index';

export interface TrainingCommandsSlice {
  /** Starts the training worker (and its backend, so the Train screen shows it at once) and
   *  loads the stored runs. Called by the app shell on mount. */
  connectTraining(): void;
  /** Ends the training worker; its waiting requests are rejected. A later command starts anew. */
  disconnectTraining(): void;
  /** The backend the user chose; the worker re-starts its backend unless a run trains. */
  setBackendChoice(choice: BackendChoice): void;
  startRun(config: TrainConfig): void;
  /** Resumes a stored (interrupted) run from its last checkpoint. */
  resumeRun(run: TrainedRunRecord): void;
  pauseRun(): void;
  resumePausedRun(): void;
  stopRun(): void;
  /** Embeds a run's photos and computes folder-v1 in the worker (the evaluation slice stores it). */
  requestEvaluation: TrainingClient['evaluate'];
  embedPhoto: TrainingClient['embedPhoto'];
  exportModel: TrainingClient['exportModel'];
  inspectModel: TrainingClient['inspectModel'];
  /** Checks and stores an embedding model as an imported run; the run list then shows it. */
  importModel: TrainingClient['importModel'];
}

export const createTrainingCommandsSlice: StateCreator<AppState, [], [], TrainingCommandsSlice> = (
  set,
  get,
) => {
  let client: TrainingClient | null = null;
  /** Undefined (as many as the backend likes) until a threaded start failed, then 1. */
  let wasmThreads: number | undefined;

  const onEvent = (event: TrainingEvent) => {
    if (event.type === 'error' && event.error.code === 'wasm-threads-failed') {
      // A hung threaded WebAssembly start cannot be undone inside its worker: a new worker on
      // one thread takes its place, and the user is told (a notice stays until closed).
      client?.dispose();
      client = null;
      wasmThreads = 1;
      open();
      get().showNotice({
        kind: 'error',
        text: `${event.error.message} Face Studio now trains on one thread.`,
      });
    }
    get().receive(event);
  };

  /** A new worker, asked to start the chosen backend at once. */
  const open = (): TrainingClient => {
    const created = createTrainingClient(onEvent);
    client = created;
    created.init(get().backendChoice, wasmThreads);
    return created;
  };
  const training = () => client ?? open();

  /**
   * Before a run starts or resumes: a pending delete or merge is made final (the worker reads
   * the dataset from storage, so the run trains on what the user sees), and every image's part
   * is stored, so images added later cannot move a trained-on image into val or test. A failure
   * to store the parts is shown as a notice (by fixSplits), and the run still starts.
   */
  const settleDataset = async () => {
    await get()
      .dismissUndo()
      .catch(() => undefined);
    await get()
      .fixSplits()
      .catch(() => undefined);
  };
  const activeId = () => get().activeRun?.runId;

  return {
    connectTraining() {
      if (client) return;
      open();
      void get().loadRuns();
    },

    disconnectTraining() {
      client?.dispose();
      client = null;
    },

    setBackendChoice(choice) {
      const changed = choice !== get().backendChoice;
      set({ backendChoice: choice, backendError: null });
      if (changed && client && !get().activeRun) client.init(choice);
    },

    startRun(config) {
      const runId = newId('run');
      get().beginRun(runId, config.epochs);
      void settleDataset().then(() => training().start({ runId, config, resume: false }));
    },

    resumeRun(run) {
      get().beginRun(run.id, run.config.epochs, run);
      void settleDataset().then(() =>
        training().start({ runId: run.id, config: run.config, resume: true }),
      );
    },

    pauseRun() {
      const id = activeId();
      if (id) client?.pause(id);
    },

    resumePausedRun() {
      const id = activeId();
      if (id) client?.resume(id);
    },

    stopRun() {
      const id = activeId();
      if (!id) return;
      get().markStopping();
      client?.stop(id);
    },

    requestEvaluation: (runId, options) => training().evaluate(runId, options),
    embedPhoto: (runId, photo, live) => training().embedPhoto(runId, photo, live),
    exportModel: (runId, format, metadata, baseName) =>
      training().exportModel(runId, format, metadata, baseName),
    inspectModel: (files) => training().inspectModel(files),
    async importModel(files, spec, name) {
      const run = await training().importModel(files, spec, name);
      await get().loadRuns();
      return run;
    },
  };
};
