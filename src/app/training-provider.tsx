// Owns the training client for the app's lifetime: creates the worker once, forwards its
// messages to the store, re-initialises the backend when the user changes it, and gives the
// Train screen its commands. Training keeps running while the user visits other screens.

import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { newId } from '../lib/ids';
import type { TrainConfig } from '../ml/config';
import type { RunRecord } from '../storage/run-records';
import { useAppStore } from '../store';
import { createTrainingClient, type TrainingClient } from '../worker/training-client';

export interface TrainingCommands {
  start(config: TrainConfig): void;
  resumeRun(run: RunRecord): void;
  pause(): void;
  resume(): void;
  stop(): void;
  evaluate: TrainingClient['evaluate'];
  embedPhoto: TrainingClient['embedPhoto'];
  exportModel: TrainingClient['exportModel'];
}

const TrainingContext = createContext<TrainingCommands | null>(null);

/**
 * Before a run starts or resumes: a pending delete or merge is made final (the worker reads the
 * dataset from storage, so the run trains on what the user sees), and every image's part is
 * stored, so images added later cannot move a trained-on image into val or test. A failure to
 * store the parts is shown as a notice, and the run still starts.
 */
async function settleDataset(): Promise<void> {
  const state = useAppStore.getState();
  await state.dismissUndo().catch(() => undefined);
  await state.fixSplits().catch(() => undefined);
}

export function TrainingProvider({ children }: { children: ReactNode }) {
  const client = useRef<TrainingClient | null>(null);
  const backendChoice = useAppStore((s) => s.backendChoice);

  useEffect(() => {
    let created: TrainingClient;
    const open = () => {
      created = createTrainingClient((message) => {
        if (message.type === 'error' && message.error.code === 'wasm-threads-failed') {
          // A hung threaded WebAssembly start cannot be undone inside its worker: a new worker
          // on one thread takes its place, and the user is told (a notice stays until closed).
          created.dispose();
          open();
          created.init(useAppStore.getState().backendChoice, 1);
          useAppStore.getState().showNotice({
            kind: 'error',
            text: `${message.error.message} Face Studio now trains on one thread.`,
          });
        }
        useAppStore.getState().receive(message);
      });
      client.current = created;
    };
    open();
    void useAppStore.getState().loadRuns();
    return () => {
      created.dispose();
      client.current = null;
    };
  }, []);

  useEffect(() => {
    if (!useAppStore.getState().activeRun) client.current?.init(backendChoice);
  }, [backendChoice]);

  const commands = useMemo<TrainingCommands>(() => {
    const activeId = () => useAppStore.getState().activeRun?.runId;
    return {
      start(config) {
        const runId = newId('run');
        useAppStore.getState().beginRun(runId, config.epochs);
        void settleDataset().then(() => client.current?.start({ runId, config, resume: false }));
      },
      resumeRun(run) {
        useAppStore.getState().beginRun(run.id, run.config.epochs, run);
        void settleDataset().then(() =>
          client.current?.start({ runId: run.id, config: run.config, resume: true }),
        );
      },
      pause() {
        const id = activeId();
        if (id) client.current?.pause(id);
      },
      resume() {
        const id = activeId();
        if (id) client.current?.resume(id);
      },
      embedPhoto(runId, photo) {
        if (!client.current)
          return Promise.reject(new Error('The training worker is not running.'));
        return client.current.embedPhoto(runId, photo);
      },
      exportModel(runId, format, metadata, baseName) {
        if (!client.current)
          return Promise.reject(new Error('The training worker is not running.'));
        return client.current.exportModel(runId, format, metadata, baseName);
      },
      evaluate(runId) {
        useAppStore.getState().markEmbedding(runId);
        client.current?.evaluate(runId);
      },
      stop() {
        const id = activeId();
        if (!id) return;
        useAppStore.getState().markStopping();
        client.current?.stop(id);
      },
    };
  }, []);

  return <TrainingContext.Provider value={commands}>{children}</TrainingContext.Provider>;
}

export function useTrainingCommands(): TrainingCommands {
  const commands = useContext(TrainingContext);
  if (!commands) throw new Error('useTrainingCommands needs a TrainingProvider');
  return commands;
}
