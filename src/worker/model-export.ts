// Exports a finished run's network as files, in the training worker: rebuilds the network from
// the run's last checkpoint (with the pretrained encoder's weights where the run starts from
// it), writes it as a TF.js zip or as ONNX (src/transfer/model-files.ts), and disposes it.

import { AppError } from '../lib/errors';
import { usesPretrainedEncoder } from '../ml/config';
import { exportNetworkOf } from '../ml/export/export-network';
import { createTrainer } from '../ml/trainer';
import { getCheckpoint, getRun } from '../storage/run-repo';
import type { ModelMetadata } from '../transfer/model-metadata';
import { faceEncoderWeights } from './face-models';
import { onnxModelFile, tfjsModelZip } from '../transfer/model-files';
import type { ExportedFile, ModelFormat } from './training-protocol';

export async function exportModel(
  runId: string,
  format: ModelFormat,
  metadata: ModelMetadata,
  baseName: string,
): Promise<ExportedFile> {
  const [run, checkpoint] = await Promise.all([getRun(runId), getCheckpoint(runId)]);
  if (!run || !checkpoint)
    throw new AppError(
      'not-found',
      'This run has no trained checkpoint to export; train at least one epoch.',
    );
  const encoderWeights = usesPretrainedEncoder(run.config) ? await faceEncoderWeights() : undefined;
  const trainer = createTrainer(run.config, run.identities.length, {
    stepsPerEpoch: 1,
    ...(encoderWeights && { encoderWeights }),
  });
  let network: ReturnType<typeof exportNetworkOf> | undefined;
  try {
    trainer.importState(checkpoint.state);
    network = exportNetworkOf(trainer);
    if (format === 'tfjs') {
      return {
        fileName: `${baseName}-tfjs.zip`,
        mimeType: 'application/zip',
        bytes: await tfjsModelZip(network.model, metadata),
      };
    }
    return {
      fileName: `${baseName}.onnx`,
      mimeType: 'application/octet-stream',
      bytes: onnxModelFile(network.model, metadata),
    };
  } finally {
    network?.dispose();
    trainer.dispose();
  }
}
