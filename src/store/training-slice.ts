// Training state on the page: which backend runs and why, the active run's live points and
// epochs (thinned so charts stay fast), the outcome of the last run, and the stored runs.
// Commands go to the worker through the training client that training-commands.ts (the
// commands slice) owns; this slice only receives the worker's events.

import type { StateCreator } from 'zustand';
import { toAppError } from '../lib/errors';
import { deleteRun, listRuns } from '../storage/run-repo';
import { isTrainedRun, type RunRecord, type TrainedRunRecord } from '../storage/run-records';
import type {
  BackendChoice,
  BackendReport,
  EpochMetrics,
  PrepareStage,
  RunOutcome,
  StepPoint,
  TrainingEvent,
} from '../worker/training-protocol';
import type { AppState } from './index';

/** Charts keep at most this many step points; older ones are thinned to every other. */
export const MAX_CHART_POINTS = 600;

export interface ActiveRun {
  runId: string;
  status: 'starting' | 'running' | 'paused' | 'stopping';
  identities: string[];
  trainImages: number;
  valImages: number;
  totalSteps: number;
  totalEpochs: number;
  startedAt: number;
  /** Before the first step: how far reading (and encoding) the images is. */
  preparing: { stage: PrepareStage; done: number; total: number } | null;
}

export interface TrainingSlice {
  backendChoice: BackendChoice;
  backendReport: BackendReport | null;
  backendError: string | null;
  activeRun: ActiveRun | null;
  points: StepPoint[];
  epochMetrics: EpochMetrics[];
  lastOutcome: { runId: string; outcome: RunOutcome; message?: string } | null;
  runs: RunRecord[];
  beginRun(runId: string, totalEpochs: number, history?: TrainedRunRecord): void;
  markStopping(): void;
  receive(message: TrainingEvent): void;
  loadRuns(): Promise<void>;
  removeRun(id: string): Promise<void>;
}

export function thinPoints(points: StepPoint[]): StepPoint[] {
  if (points.length <= MAX_CHART_POINTS) return points;
  const keepTail = MAX_CHART_POINTS / 4;
  const head = points.slice(0, points.length - keepTail).filter((_, i) => i % 2 === 0);
  return [...head, ...points.slice(points.length - keepTail)];
}

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set, get) => ({
  backendChoice: 'auto',
  backendReport: null,
  backendError: null,
  activeRun: null,
  points: [],
  epochMetrics: [],
  lastOutcome: null,
  runs: [],

  beginRun(runId, totalEpochs, history) {
    set({
      activeRun: {
        runId,
        status: 'starting',
        identities: [],
        trainImages: 0,
        valImages: 0,
        totalSteps: 0,
        totalEpochs,
        startedAt: Date.now(),
        preparing: null,
      },
      points: thinPoints(history?.steps ?? []),
      epochMetrics: history?.epochs ?? [],
      lastOutcome: null,
    });
  },

  markStopping() {
    const run = get().activeRun;
    if (run) set({ activeRun: { ...run, status: 'stopping' } });
  },

  receive(message) {
    const run = get().activeRun;
    // Messages of a run that is no longer the active one are late: drop them.
    const current = (runId: string) => run !== null && run.runId === runId;
    switch (message.type) {
      case 'ready':
        set({ backendReport: message.report, backendError: null });
        return;
      case 'error':
        if (message.runId && !current(message.runId)) return;
        set({ backendError: message.error.message });
        // An error of the active run, or a crashed worker (no run id), ends the active run.
        if (run && (message.runId === undefined || current(message.runId))) {
          set({
            activeRun: null,
            lastOutcome: { runId: run.runId, outcome: 'failed', message: message.error.message },
          });
        }
        return;
      case 'train/started':
        if (!current(message.runId) || !run) return;
        set({
          activeRun: {
            ...run,
            // Pause or Stop given while preparing holds (the worker applies it at the first step).
            status: run.status === 'stopping' || run.status === 'paused' ? run.status : 'running',
            identities: message.identities,
            trainImages: message.trainImages,
            valImages: message.valImages,
            totalSteps: message.totalSteps,
            preparing: null,
          },
        });
        void get().loadRuns();
        return;
      case 'train/preparing':
        if (!current(message.runId) || !run) return;
        set({
          activeRun: {
            ...run,
            preparing: { stage: message.stage, done: message.done, total: message.total },
          },
        });
        return;
      case 'train/progress':
        if (!current(message.runId)) return;
        set({ points: thinPoints([...get().points, ...message.points]) });
        return;
      case 'train/epoch':
        if (!current(message.runId)) return;
        set({ epochMetrics: [...get().epochMetrics, message.metrics] });
        return;
      case 'train/paused':
      case 'train/resumed':
        if (!current(message.runId) || !run) return;
        if (run.status === 'stopping') return;
        // A run paused while it prepares goes back to preparing ("starting") on resume.
        set({
          activeRun: {
            ...run,
            status:
              message.type === 'train/paused'
                ? 'paused'
                : run.totalSteps > 0
                  ? 'running'
                  : 'starting',
          },
        });
        return;
      case 'train/done':
        if (!current(message.runId)) return;
        set({
          activeRun: null,
          lastOutcome: {
            runId: message.runId,
            outcome: message.outcome,
            message: message.error?.message,
          },
        });
        void get().loadRuns();
        return;
      default: {
        const unknown: never = message;
        throw new Error(`Unhandled worker message ${JSON.stringify(unknown)}`);
      }
    }
  },

  async loadRuns() {
    try {
      set({ runs: await listRuns() });
    } catch (error) {
      get().showNotice({ kind: 'error', text: toAppError(error).message });
    }
  },

  async removeRun(id) {
    // An imported model under runs trained over it stays: without it they could not embed.
    const users = get().runs.filter((run) => isTrainedRun(run) && run.config.encoderRunId === id);
    if (users.length > 0) {
      get().showNotice({
        kind: 'error',
        text: `This imported model is the frozen encoder of ${users.length} run${users.length === 1 ? '' : 's'} (${users.map((run) => new Date(run.createdAt).toLocaleString()).join(', ')}): without it they cannot embed. Delete ${users.length === 1 ? 'that run' : 'those runs'} on the Train screen first.`,
      });
      return;
    }
    await deleteRun(id);
    set({ runs: get().runs.filter((r) => r.id !== id) });
  },
});
