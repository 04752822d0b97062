// Owns bringing an embedding model into the studio, in the training worker: reads the chosen
// files (src/transfer/model-file-reader.ts), loads the model in its runtime and says what it
// declares and what the form should start from (`inspectModel`); then, with the user's settings,
// checks that it embeds faces and stores it as a run of kind 'imported' with its files, in one
// transaction (`importModel`). A file that fails any step is refused with the reason; nothing
// is stored.

import { AppError } from '../lib/errors';
import { newId } from '../lib/ids';
import { specProblem, type ImportedModelSpec } from '../ml/imported/imported-model-spec';
import { saveImportedRun } from '../storage/run-repo';
import type { ImportedRunRecord } from '../storage/run-records';
import { MAX_MODEL_BYTES, readModelFiles, type ModelFiles } from '../transfer/model-file-reader';
import { formatBytes } from '../transfer/zip-limits';
import { suggestSpec } from '../transfer/model-spec-suggestion';
import type { TensorInfo } from '../transfer/onnx-model-info';
import { checkModel, loadRawModel, type OnnxSessionFactory } from './imported-embedder';

/** A chosen file as it crosses to the worker: a File is a Blob with a name, cloned by reference. */
export interface ChosenFile {
  name: string;
  data: Blob;
}

/** What a model declares, and the settings the form starts from. */
export interface ModelInspection {
  name: string;
  format: ImportedModelSpec['format'];
  sizeBytes: number;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  spec: ImportedModelSpec;
  /** The settings came from the model's metadata.json (the studio's format). */
  fromMetadata: boolean;
}

async function readChosen(chosen: readonly ChosenFile[]): Promise<ModelFiles> {
  if (chosen.length === 0) throw new AppError('not-a-model', 'No file was chosen.');
  // Counted before anything is read: a file of gigabytes is refused, not loaded.
  const total = chosen.reduce((sum, file) => sum + file.data.size, 0);
  if (total > MAX_MODEL_BYTES) {
    throw new AppError(
      'model-too-large',
      `These files hold ${formatBytes(total)}; the studio takes models up to ${formatBytes(MAX_MODEL_BYTES)}.`,
    );
  }
  const named = await Promise.all(
    chosen.map(async (file) => ({
      name: file.name,
      bytes: new Uint8Array(await file.data.arrayBuffer()),
    })),
  );
  return readModelFiles(named);
}

export async function inspectModel(
  chosen: readonly ChosenFile[],
  onnx: OnnxSessionFactory,
): Promise<ModelInspection> {
  const files = await readChosen(chosen);
  const model = await loadRawModel(files.format, files.files, onnx);
  try {
    const { spec, fromMetadata } = suggestSpec(
      files.format,
      model.inputs,
      model.outputs,
      files.hints,
    );
    return {
      name: files.name,
      format: files.format,
      sizeBytes: files.sizeBytes,
      inputs: model.inputs,
      outputs: model.outputs,
      spec,
      fromMetadata,
    };
  } finally {
    model.dispose();
  }
}

export async function importModel(
  chosen: readonly ChosenFile[],
  spec: ImportedModelSpec,
  name: string,
  onnx: OnnxSessionFactory,
): Promise<ImportedRunRecord> {
  const problem = specProblem(spec);
  if (problem) throw new AppError('invalid-argument', problem);
  const files = await readChosen(chosen);
  if (files.format !== spec.format) {
    throw new AppError('not-a-model', 'The chosen files changed since they were inspected.');
  }
  const model = await loadRawModel(files.format, files.files, onnx);
  let dim: number;
  try {
    dim = await checkModel(model, spec);
  } finally {
    model.dispose();
  }
  const now = Date.now();
  const run: ImportedRunRecord = {
    kind: 'imported',
    id: newId('run'),
    createdAt: now,
    updatedAt: now,
    name: name.trim() || files.name,
    spec,
    dim,
    sizeBytes: files.sizeBytes,
    ...(files.hints?.backbone ? { backbone: files.hints.backbone } : {}),
    status: 'completed',
  };
  await saveImportedRun(run, {
    runId: run.id,
    format: files.format,
    files: files.files.map((file) => ({
      name: file.name,
      data: new Blob([file.bytes as BlobPart]),
    })),
  });
  return run;
}
