// Owns an imported model in the role of a frozen encoder (backbone 'imported-frozen'): finding
// the imported run a configuration names (refused with the reason when it is gone), loading its
// model as an embedder, and the embedder of a run trained over it: the model's features, the
// run's trained projection, the face and its mirror image added, normalised (as the pretrained
// encoder's frozen mode embeds).

import * as tf from '@tensorflow/tfjs';
import { AppError } from '../lib/errors';
import type { TrainConfig } from '../ml/config';
import { l2Normalize } from '../ml/l2-normalize';
import { mirroredImages } from '../ml/pixel-batch';
import type { Trainer } from '../ml/trainer';
import { getImportedModel, getRun } from '../storage/run-repo';
import { isImportedRun, type ImportedRunRecord } from '../storage/run-records';
import type { FaceEmbedder } from './face-embedder';
import { importedEmbedder, loadRawModel, type OnnxSessionFactory } from './imported-embedder';

/** The imported run `config.encoderRunId` names. */
export async function importedEncoderRun(
  config: Pick<TrainConfig, 'encoderRunId'>,
): Promise<ImportedRunRecord> {
  const run = config.encoderRunId ? await getRun(config.encoderRunId) : undefined;
  if (!run || !isImportedRun(run)) {
    throw new AppError(
      'not-found',
      'This run trains over an imported model that is no longer in the studio (it was deleted). Import the model again and start a new run.',
    );
  }
  return run;
}

/** An imported run's model, loaded from its stored files; the caller disposes it. */
export async function loadImportedModel(
  run: ImportedRunRecord,
  onnx: OnnxSessionFactory,
): Promise<FaceEmbedder> {
  const model = await getImportedModel(run.id);
  if (!model)
    throw new AppError('not-found', `The files of the imported model ${run.name} are not stored.`);
  const files = await Promise.all(
    model.files.map(async (file) => ({
      name: file.name,
      bytes: new Uint8Array(await file.data.arrayBuffer()),
    })),
  );
  return importedEmbedder(await loadRawModel(model.format, files, onnx), run.spec, run.dim);
}

/** A run trained over an imported encoder, as an embedder; disposes both with it. */
export function projectedEmbedder(encoder: FaceEmbedder, trainer: Trainer): FaceEmbedder {
  const size = encoder.imageSize;
  const dim = trainer.config.embeddingDim;
  return {
    imageSize: size,
    dim,
    async embed(rgb, count) {
      const plain = await encoder.embed(rgb, count);
      const mirrored = await encoder.embed(mirroredImages(rgb, count, size), count);
      const out = tf.tidy(() => {
        const features = tf.concat([
          tf.tensor2d(plain, [count, encoder.dim]),
          tf.tensor2d(mirrored, [count, encoder.dim]),
        ]); // [2·count, encoderDim]
        const embedded = trainer.model.apply(features, { training: false }) as tf.Tensor2D;
        const [a, b] = tf.split(embedded, [count, count], 0) as tf.Tensor2D[];
        return l2Normalize(tf.add(a as tf.Tensor2D, b as tf.Tensor2D), 1); // [count, dim]
      });
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    },
    dispose: () => {
      encoder.dispose();
      trainer.dispose();
    },
  };
}
