// Owns a run's entries in a project file: its record, checkpoint and evaluation as typed JSON,
// and an imported run's model files stored as they are, under numbered names (the names they
// were picked with are kept in the index: a file name is any string, an entry name must be
// safe). And the check, before anything is used, that a run's files parse, name only entries
// that exist, and that a run is an imported model exactly when the index lists its model files.

import { AppError } from '../lib/errors';
import type { StoredEvaluation } from '../storage/evaluation-repo';
import {
  isImportedRun,
  type CheckpointRecord,
  type ImportedModelRecord,
  type RunRecord,
} from '../storage/run-records';
import { specProblem, type ImportedModelSpec } from '../ml/imported/imported-model-spec';
import { isRecord } from './json-fields';
import type { ProjectRun } from './project-index';
import { binaryPaths } from './typed-json';

/** Where a run's parts are read from when the project is written. */
export interface RunPartsSource {
  checkpoint(runId: string): Promise<CheckpointRecord | undefined>;
  evaluation(runId: string): Promise<StoredEvaluation | undefined>;
  /** An imported run's model files. */
  model(runId: string): Promise<ImportedModelRecord | undefined>;
}

/** How the project writer adds an entry: bytes (deflated or stored) or typed JSON. */
export interface EntrySink {
  add(path: string, bytes: Uint8Array, deflate: boolean): void;
  addTyped(path: string, prefix: string, value: unknown): void;
}

export function missingEntry(path: string): AppError {
  return new AppError('invalid-project', `The project file is incomplete: ${path} is missing.`);
}

function damaged(detail: string): AppError {
  return new AppError('invalid-project', `The project file is damaged: ${detail}.`);
}

/** Writes one run's entries; returns its index entry. */
export async function writeRunEntries(
  run: RunRecord,
  source: RunPartsSource,
  sink: EntrySink,
): Promise<ProjectRun> {
  const dir = `runs/${run.id}`;
  const entry: ProjectRun = { id: run.id, run: `${dir}/run.json` };
  if (isImportedRun(run)) {
    const model = await source.model(run.id);
    // Written without its files, the run could not be opened; the file would be refused whole.
    if (!model || model.files.length === 0)
      throw new AppError(
        'not-found',
        `The imported model “${run.name}” has no stored files, so the project cannot hold it. Delete it (Export → Imported models) and import it again, then save the project.`,
      );
    const files: { name: string; path: string }[] = [];
    for (const file of model.files) {
      const path = `${dir}/model/${files.length + 1}.bin`;
      // Stored, not deflated: weights barely compress, and a large model would cost minutes.
      sink.add(path, new Uint8Array(await file.data.arrayBuffer()), false);
      files.push({ name: file.name, path });
    }
    entry.model = { format: model.format, files };
  }
  sink.addTyped(entry.run, `${dir}/run-`, run);
  const checkpoint = await source.checkpoint(run.id);
  if (checkpoint) {
    entry.checkpoint = `${dir}/checkpoint.json`;
    sink.addTyped(entry.checkpoint, `${dir}/checkpoint-`, checkpoint);
  }
  const evaluation = await source.evaluation(run.id);
  if (evaluation) {
    entry.evaluation = `${dir}/evaluation.json`;
    sink.addTyped(entry.evaluation, `${dir}/evaluation-`, evaluation);
  }
  return entry;
}

/**
 * Refuses a run whose files do not parse or name missing entries, an imported run without its
 * model files (or with files of another format than its record says), and model files listed
 * for a run that is not imported.
 */
export async function checkRunEntries(
  entry: ProjectRun,
  readJson: (path: string) => Promise<unknown>,
  has: (path: string) => boolean,
): Promise<void> {
  let record: unknown;
  for (const path of [entry.run, entry.checkpoint, entry.evaluation]) {
    if (path === undefined) continue;
    const json = await readJson(path);
    if (path === entry.run) record = json;
    for (const part of binaryPaths(json)) if (!has(part)) throw missingEntry(part);
  }
  if (!isRecord(record)) throw damaged(`${entry.run} does not hold a run`);
  if (record.kind === 'imported') {
    if (!entry.model)
      throw damaged(`run ${entry.id} is an imported model, but its model files are not listed`);
    const spec = record.spec;
    if (!isRecord(spec) || spec.format !== entry.model.format)
      throw damaged(
        `run ${entry.id} is an imported ${isRecord(spec) ? String(spec.format) : '(unknown)'} model, but its files are listed as ${entry.model.format}`,
      );
    // The settings it is fed with, as an import would have checked them.
    const problem = specProblem(spec as unknown as ImportedModelSpec);
    const dim = record.dim;
    if (problem || typeof dim !== 'number' || !Number.isInteger(dim) || dim < 2)
      throw damaged(
        `run ${entry.id}'s model settings are not usable: ${problem ?? `embedding length ${String(dim)}`}`,
      );
  } else if (entry.model) {
    throw damaged(`run ${entry.id} lists model files, but it is not an imported model`);
  }
}
