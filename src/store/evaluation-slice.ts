// Evaluation state: which run is evaluated, the folder-v1 evaluation computed from the worker's
// embeddings (stored, so reopening does not recompute), and the threshold the user set.

import type { StateCreator } from 'zustand';
import { toAppError } from '../lib/errors';
import { embeddingMatrix } from '../ml/metrics/embedding-matrix';
import { evaluateFolderV1 } from '../ml/metrics/evaluate-folder-v1';
import { getEvaluation, saveEvaluation, type StoredEvaluation } from '../storage/evaluation-repo';
import type { EmbeddedSplit, FromTrainingWorker } from '../worker/training-protocol';
import type { AppState } from './index';

type EvaluationMessage = Extract<
  FromTrainingWorker,
  { type: 'evaluate/embeddings' | 'evaluate/failed' }
>;

export interface EvaluationSlice {
  evaluationRunId: string | null;
  evaluationStatus: 'idle' | 'loading' | 'embedding' | 'ready' | 'failed';
  evaluation: StoredEvaluation | null;
  evaluationError: string | null;
  selectEvaluationRun(runId: string | null): Promise<void>;
  markEmbedding(runId: string): void;
  receiveEvaluation(message: EvaluationMessage): void;
  setThreshold(threshold: number): void;
}

const labelled = (split: EmbeddedSplit, dim: number) => ({
  embeddings: embeddingMatrix(split.embeddings, dim),
  labels: split.labels,
});

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

  markEmbedding(runId) {
    set({ evaluationRunId: runId, evaluationStatus: 'embedding', evaluationError: null });
  },

  receiveEvaluation(message) {
    if (message.runId !== get().evaluationRunId) return;
    if (message.type === 'evaluate/failed') {
      set({ evaluationStatus: 'failed', evaluationError: message.error.message });
      return;
    }
    try {
      const { result } = message;
      const evaluation = evaluateFolderV1({
        train: labelled(result.train, result.dim),
        val: labelled(result.val, result.dim),
        test: labelled(result.test, result.dim),
      });
      const stored: StoredEvaluation = {
        runId: message.runId,
        createdAt: Date.now(),
        evaluation,
        identities: result.identities,
        testImageIds: result.test.imageIds,
        backend: result.backend,
        inferImagesPerSecond: result.imagesPerSecond,
        threshold: evaluation.threshold,
      };
      set({ evaluation: stored, evaluationStatus: 'ready' });
      void saveEvaluation(stored).catch((error: unknown) =>
        get().showNotice({ kind: 'error', text: toAppError(error).message }),
      );
    } catch (error) {
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
