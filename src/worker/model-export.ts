// Exports a finished run's network as files, in the training worker: rebuilds the network from
// the run's last checkpoint, writes it as a TF.js zip or as ONNX (src/transfer/model-files.ts),
// and disposes it. Only the two trainable backbones can be exported; other modes say so.

import { AppError } from '../lib/errors';
import { createTrainer } from '../ml/trainer';
import { getCheckpoint, getRun } from '../storage/run-repo';
import { isExportableBackbone, type ModelMetadata } from '../transfer/model-metadata';
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
  if (!isExportableBackbone(run.config.backbone)) {
    throw new AppError(
      'invalid-argument',
      `Export of this mode (${run.config.backbone}) is not available yet: only networks trained from scratch (resnet18, mobilefacenet) can be exported.`,
    );
  }
  const trainer = createTrainer(run.config, run.identities.length, { stepsPerEpoch: 1 });
  try {
    trainer.importState(checkpoint.state);
    if (format === 'tfjs') {
      return {
        fileName: `${baseName}-tfjs.zip`,
        mimeType: 'application/zip',
        bytes: await tfjsModelZip(trainer.model, metadata),
      };
    }
    return {
      fileName: `${baseName}.onnx`,
      mimeType: 'application/octet-stream',
      bytes: onnxModelFile(trainer.model, metadata),
    };
  } finally {
    trainer.dispose();
  }
}
