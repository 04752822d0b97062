// Exports a finished run's network as files, in the training worker: rebuilds the network from
// the run's last checkpoint (with the pretrained encoder's weights where the run starts from
// it), writes it as a TF.js zip or as ONNX (src/transfer/model-files.ts), and disposes it.

import { AppError } from '../lib/errors';
import { usesImportedEncoder } from '../ml/config';
import { exportNetworkOf } from '../ml/export/export-network';
import type { ModelMetadata } from '../transfer/model-metadata';
import { loadTrainedRun } from './build-trainer';
import { onnxModelFile, tfjsModelZip } from '../transfer/model-files';

/** How a trained network is exported: a TF.js zip (model.json, weights, metadata) or ONNX. */
export type ModelFormat = 'tfjs' | 'onnx';

/** A file made in the worker for the page to download; its bytes are transferred. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export async function exportModel(
  runId: string,
  format: ModelFormat,
  metadata: ModelMetadata,
  baseName: string,
): Promise<ExportedFile> {
  const { trainer } = await loadTrainedRun(
    runId,
    'This run has no trained checkpoint to export; train at least one epoch.',
  );
  let network: ReturnType<typeof exportNetworkOf> | undefined;
  try {
    if (usesImportedEncoder(trainer.config)) {
      throw new AppError(
        'invalid-argument',
        'This run trains a projection over an imported model, which runs outside TF.js: the two cannot be written as one model file.',
      );
    }
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
      bytes: await onnxModelFile(network.model, metadata),
    };
  } finally {
    network?.dispose();
    trainer.dispose();
  }
}
