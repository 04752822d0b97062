// Owns finding the embedder of a stored run in the worker: a trained run's network restored from
// its last checkpoint (with its ArcFace head's class weights, when it has them), or an imported
// run's model loaded from its stored files.

import { AppError } from '../lib/errors';
import type { HeadWeights } from '../ml/metrics/galleries';
import type { TrainerState } from '../ml/trainer-types';
import { getImportedModel, getRun } from '../storage/run-repo';
import { isImportedRun, type RunRecord } from '../storage/run-records';
import { loadTrainedRun } from './build-trainer';
import { trainerEmbedder, type FaceEmbedder } from './face-embedder';
import { importedEmbedder, loadRawModel, type OnnxSessionFactory } from './imported-embedder';

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
    const model = await getImportedModel(runId);
    if (!model) throw new AppError('not-found', 'This imported model’s files are not stored.');
    const files = await Promise.all(
      model.files.map(async (file) => ({
        name: file.name,
        bytes: new Uint8Array(await file.data.arrayBuffer()),
      })),
    );
    const raw = await loadRawModel(model.format, files, onnx);
    return { run: stored, embedder: importedEmbedder(raw, stored.spec, stored.dim) };
  }
  const { run, trainer, state } = await loadTrainedRun(runId, missing);
  return {
    run,
    embedder: trainerEmbedder(trainer),
    ...headWeightsOf(state, run.config.embeddingDim),
  };
}
