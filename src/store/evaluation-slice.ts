// Evaluation state: which run is evaluated, its folder-v1 evaluation as the training worker
// answers it (stored, so reopening does not recompute), and the threshold the user set.

import type { StateCreator } from 'zustand';
import { toAppError } from '../lib/errors';
import { getEvaluation, saveEvaluation, type StoredEvaluation } from '../storage/evaluation-repo';
import type { AppState } from './index';

export interface EvaluationSlice {
  evaluationRunId: string | null;
  evaluationStatus: 'idle' | 'loading' | 'embedding' | 'ready' | 'failed';
  evaluation: StoredEvaluation | null;
  evaluationError: string | null;
  selectEvaluationRun(runId: string | null): Promise<void>;
  /** Evaluates a run in the training worker and stores the result (unless the user has moved
   *  on to another run meanwhile). */
  evaluate(runId: string): Promise<void>;
  setThreshold(threshold: number): void;
}

export const createEvaluationSlice: StateCreator<AppState, [], [], EvaluationSlice> = (
  set,
  get,
) => ({
  evaluationRunId: null,
  evaluationStatus: 'idle',
  evaluation: null,
  evaluationError: null,

  async selectEvaluationRun(runId) {
    set({
      evaluationRunId: runId,
      evaluation: null,
      evaluationError: null,
      evaluationStatus: runId ? 'loading' : 'idle',
    });
    if (!runId) return;
    const stored = await getEvaluation(runId).catch(() => undefined);
    if (get().evaluationRunId !== runId) return;
    set({ evaluation: stored ?? null, evaluationStatus: stored ? 'ready' : 'idle' });
  },

  async evaluate(runId) {
    set({ evaluationRunId: runId, evaluationStatus: 'embedding', evaluationError: null });
    try {
      const result = await get().requestEvaluation(runId);
      // An answer for a run the user has left is late: drop it.
      if (get().evaluationRunId !== runId) return;
      const stored: StoredEvaluation = {
        ...result,
        createdAt: Date.now(),
        threshold: result.evaluation.threshold,
      };
      set({ evaluation: stored, evaluationStatus: 'ready' });
      void saveEvaluation(stored).catch((error: unknown) =>
        get().showNotice({ kind: 'error', text: toAppError(error).message }),
      );
    } catch (error) {
      if (get().evaluationRunId !== runId) return;
      set({ evaluationStatus: 'failed', evaluationError: toAppError(error).message });
    }
  },

  setThreshold(threshold) {
    const current = get().evaluation;
    if (!current) return;
    const updated = { ...current, threshold };
    set({ evaluation: updated });
    void saveEvaluation(updated).catch(() => undefined);
  },
});
