// Evaluates a finished run in the training worker: embeds the dataset's train, val and test parts
// with its last checkpoint, then computes protocol folder-v1 (ROC over every pair, PCA, templates)
// and the open-set figures against the Strangers collection there too, so the page only stores
// and shows the result. Also names the result's large typed
// arrays, which cross to the page transferred rather than copied.

import type { FolderV1Evaluation } from '../ml/metrics/evaluate-folder-v1';
import { embeddingMatrix } from '../ml/metrics/embedding-matrix';
import { evaluateFolderV1 } from '../ml/metrics/evaluate-folder-v1';
import { DEFAULT_TARGET_FAR, evaluateOpenSet } from '../ml/metrics/open-set-evaluation';
import { DEFAULT_SHOTS } from '../ml/metrics/learning-curve';
import type { BackendName } from '../ml/run-progress';
import type { StoredEvaluation } from '../storage/evaluation-repo';
import { embedRun, type EmbeddedSplit } from './embed-run';
import type { OnnxSessionFactory } from './imported-embedder';

/** A run's evaluation as the worker answers it: what is stored, less when and the user's threshold. */
export type RunEvaluation = Omit<StoredEvaluation, 'createdAt' | 'threshold'>;

/** What the user asked of the open-set half: the target FAR and the learning curve's points. */
export interface OpenSetRequest {
  targetFar: number;
  shots: number[];
}

export async function evaluateRun(
  runId: string,
  backend: BackendName,
  onnx: OnnxSessionFactory,
  options: OpenSetRequest = { targetFar: DEFAULT_TARGET_FAR, shots: [...DEFAULT_SHOTS] },
): Promise<RunEvaluation> {
  const embedded = await embedRun(runId, backend, onnx);
  const labelled = (split: EmbeddedSplit) => ({
    embeddings: embeddingMatrix(split.embeddings, embedded.dim),
    labels: split.labels,
  });
  const parts = {
    train: labelled(embedded.train),
    val: labelled(embedded.val),
    test: labelled(embedded.test),
  };
  const evaluation = {
    ...evaluateFolderV1(parts),
    openSet: evaluateOpenSet(
      {
        ...parts,
        valStrangers: embeddingMatrix(embedded.strangers.val.embeddings, embedded.dim),
        testStrangers: embeddingMatrix(embedded.strangers.test.embeddings, embedded.dim),
      },
      { ...options, gallery: 'head', ...(embedded.head ? { head: embedded.head } : {}) },
    ),
  };
  return {
    runId,
    evaluation,
    identities: embedded.identities,
    gone: embedded.gone,
    testImageIds: embedded.test.imageIds,
    testStrangerIds: embedded.strangers.test.imageIds,
    backend: embedded.backend,
    inferImagesPerSecond: embedded.imagesPerSecond,
  };
}

/** The evaluation's typed arrays' buffers, each once (a buffer listed twice cannot be sent). */
export function evaluationBuffers(result: { evaluation: FolderV1Evaluation }): ArrayBuffer[] {
  const { templates, testScores, openSet } = result.evaluation;
  const arrays: ArrayBufferView[] = [templates.data, testScores.same, testScores.different];
  if (openSet) {
    const { scores } = openSet;
    arrays.push(openSet.templates.data);
    for (const s of [scores, ...openSet.shotScores.map((point) => point.scores)])
      arrays.push(s.valStrangers, s.testStrangers, s.testEnrolled, s.testCorrect);
  }
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}
