// Evaluation state: which run is evaluated, its folder-v1 evaluation as the training worker
// answers it (stored, so reopening does not recompute), the threshold the user set, and the
// target false-alarm rate on strangers the open-set threshold is chosen for.

import type { StateCreator } from 'zustand';
import { toAppError } from '../lib/errors';
import { getEvaluation, saveEvaluation, type StoredEvaluation } from '../storage/evaluation-repo';
import { atTargetFar, DEFAULT_TARGET_FAR } from '../ml/metrics/open-set-evaluation';
import { DEFAULT_SHOTS } from '../ml/metrics/learning-curve';
import { hasStrangers, thresholdInUse } from '../ml/metrics/verify-settings';
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
  /** The false-alarm rate on strangers to choose the open-set threshold for (next evaluations). */
  targetFar: number;
  /** Sets it, and re-reads the shown evaluation's open-set figures and threshold at it. */
  setTargetFar(far: number): void;
  /** The learning curve's photos per person, for the next evaluation. */
  learningShots: number[];
  setLearningShots(shots: number[]): void;
}

export const createEvaluationSlice: StateCreator<AppState, [], [], EvaluationSlice> = (
  set,
  get,
) => ({
  evaluationRunId: null,
  evaluationStatus: 'idle',
  evaluation: null,
  evaluationError: null,
  targetFar: DEFAULT_TARGET_FAR,
  learningShots: [...DEFAULT_SHOTS],

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
    set({
      evaluation: stored ?? null,
      evaluationStatus: stored ? 'ready' : 'idle',
      // The stored evaluation was read at its own target FAR: the settings show that one.
      ...(stored?.evaluation.openSet
        ? { targetFar: stored.evaluation.openSet.figures.targetFar }
        : {}),
    });
  },

  async evaluate(runId) {
    set({ evaluationRunId: runId, evaluationStatus: 'embedding', evaluationError: null });
    try {
      const result = await get().requestEvaluation(runId, {
        targetFar: get().targetFar,
        shots: get().learningShots,
      });
      // An answer for a run the user has left is late: drop it.
      if (get().evaluationRunId !== runId) return;
      const stored: StoredEvaluation = {
        ...result,
        createdAt: Date.now(),
        threshold: thresholdInUse(result.evaluation),
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

  setLearningShots(shots) {
    set({ learningShots: shots });
  },

  setTargetFar(far) {
    set({ targetFar: far });
    const current = get().evaluation;
    const openSet = current?.evaluation.openSet;
    if (!current || !openSet) return;
    const evaluation = {
      ...current.evaluation,
      openSet: atTargetFar(openSet, far),
    };
    // Without strangers the target moves nothing Verify uses: the user's threshold stays.
    const threshold = hasStrangers(evaluation) ? thresholdInUse(evaluation) : current.threshold;
    const updated = { ...current, evaluation, threshold };
    set({ evaluation: updated });
    void saveEvaluation(updated).catch(() => undefined);
  },
});
