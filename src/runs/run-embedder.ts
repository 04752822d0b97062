// Owns finding the embedder of a stored run in the worker: a trained run's network restored from
// its last checkpoint (with its ArcFace head's class weights, when it has them; over an imported
// encoder, that model's features through the trained projection), or an imported run's model
// loaded from its stored files.

import { usesImportedEncoder } from '../ml/config';
import type { HeadWeights } from '../ml/metrics/galleries';
import type { TrainerState } from '../ml/trainer-types';
import { getRun } from '../storage/run-repo';
import { isImportedRun, type RunRecord } from '../storage/run-records';
import { loadTrainedRun } from './build-trainer';
import { trainerEmbedder, type FaceEmbedder } from './face-embedder';
import type { OnnxSessionFactory } from './imported-embedder';
import { importedEncoderRun, loadImportedModel, projectedEmbedder } from './imported-encoder';

export interface RunEmbedder {
  run: RunRecord;
  embedder: FaceEmbedder;
  head?: HeadWeights;
}

/**
 * The ArcFace head's weight matrix from a checkpoint ([dim, classes]): trained on cosines, its
 * columns are class centres. A softmax head's are not (logits xW + b), so it gives none.
 */
function headWeightsOf(state: TrainerState, dim: number): { head?: HeadWeights } {
  const weight = state.head.find((record) => record.name === 'arcface/weight');
  if (!weight || weight.shape.length !== 2 || weight.shape[0] !== dim) return {};
  return { head: { data: weight.data, dim, classes: weight.shape[1] as number } };
}

/** The run's embedder; the caller disposes it. `missing`: the message when it cannot embed. */
export async function loadRunEmbedder(
  runId: string,
  missing: string,
  onnx: OnnxSessionFactory,
): Promise<RunEmbedder> {
  const stored = await getRun(runId);
  if (stored && isImportedRun(stored)) {
    return { run: stored, embedder: await loadImportedModel(stored, onnx) };
  }
  const { run, trainer, state } = await loadTrainedRun(runId, missing);
  const head = headWeightsOf(state, run.config.embeddingDim);
  if (!usesImportedEncoder(run.config)) return { run, embedder: trainerEmbedder(trainer), ...head };
  try {
    const encoder = await loadImportedModel(await importedEncoderRun(run.config), onnx);
    return { run, embedder: projectedEmbedder(encoder, trainer), ...head };
  } catch (error) {
    trainer.dispose();
    throw error;
  }
}
