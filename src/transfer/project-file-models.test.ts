// Imported models in the project file (version 3): their files are stored entries under numbered
// names with the picked names kept in the index, and come back byte for byte; a bad `model`
// field, an imported run without its files, a missing model file or a model on a trained run
// is refused with its reason, and a model whose files are gone is not written at all.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { StoredEvaluation } from '../storage/evaluation-repo';
import {
  sampleEvaluation,
  sampleImportedModel,
  sampleImportedRun,
  sampleModelBytes,
  sampleRun,
} from '../storage/test-utils/run-fixtures';
import { openProjectZip, writeProjectZip, type ProjectSource } from './project-file';
import { PROJECT_INDEX_NAME, PROJECT_VERSION } from './project-index';
import { collect, concat, expectAppError } from './test-utils/transfer-test-utils';
import { readZipDirectory } from './zip-directory';
import { withDefaultLimits } from './zip-limits';
import { bytesSource } from './zip-source';

const imported = sampleImportedRun();
const importedEvaluation: StoredEvaluation = {
  ...sampleEvaluation(),
  runId: imported.id,
  testImageIds: ['i1'],
};

function source(): ProjectSource {
  return {
    identities: [],
    images: [],
    runs: [sampleRun(), imported],
    settings: {},
    crop: () => Promise.resolve(undefined),
    thumb: () => Promise.resolve(undefined),
    photo: () => Promise.resolve(undefined),
    checkpoint: () => Promise.resolve(undefined),
    evaluation: (runId) =>
      Promise.resolve(runId === imported.id ? importedEvaluation : sampleEvaluation()),
    model: (runId) =>
      Promise.resolve(runId === imported.id ? sampleImportedModel(runId) : undefined),
  };
}

async function projectBytes(project = source()): Promise<Uint8Array> {
  return concat((await collect(writeProjectZip(project, { appVersion: '0.4.0' }))).chunks);
}

type Json = Record<string, unknown> & { runs: Record<string, unknown>[] };

/** The file with its index (and entries) edited. */
async function withIndex(
  change: (index: Json, files: Record<string, Uint8Array>) => void,
): Promise<Uint8Array> {
  const files = unzipSync(await projectBytes());
  const index = JSON.parse(new TextDecoder().decode(files[PROJECT_INDEX_NAME])) as Json;
  change(index, files);
  files[PROJECT_INDEX_NAME] = strToU8(JSON.stringify(index));
  return zipSync(files);
}

const importedEntry = (index: Json) => index.runs[1] as Record<string, unknown>;

describe('project file with an imported model', () => {
  it('stores its files under safe numbered names, keeps their names, and gives them back', async () => {
    const bytes = await projectBytes();
    const project = await openProjectZip(bytes);
    expect(project.index.version).toBe(PROJECT_VERSION);
    expect(PROJECT_VERSION).toBe(3);
    const [trained, entry] = project.index.runs;
    expect(trained?.model).toBeUndefined();
    expect(entry?.model).toEqual({
      format: 'tfjs',
      files: [
        { name: 'model.json', path: 'runs/run_imported/model/1.bin' },
        { name: 'group1-shard1of1.bin', path: 'runs/run_imported/model/2.bin' },
        { name: '../metadata (1).json', path: 'runs/run_imported/model/3.bin' },
      ],
    });
    for (const file of entry?.model?.files ?? [])
      expect(await project.read(file.path)).toEqual(sampleModelBytes().get(file.name));
    expect(await project.readTyped(entry?.run ?? '')).toEqual(imported);
    expect(await project.readTyped(entry?.evaluation ?? '')).toEqual(importedEvaluation);

    // Stored as they are (method 0), not deflated.
    const directory = await readZipDirectory(bytesSource(bytes), withDefaultLimits());
    const methods = directory.entries
      .filter((e) => e.name.startsWith('runs/run_imported/model/'))
      .map((e) => e.method);
    expect(methods).toEqual([0, 0, 0]);
  });

  it('refuses a bad model field with its reason', async () => {
    const cases: [unknown, RegExp][] = [
      ['model.onnx', /runs\[1\]\.model must be an object/],
      [{ format: 'pt', files: [] }, /runs\[1\]\.model\.format must be "onnx" or "tfjs"/],
      [{ format: 'tfjs', files: 'model.json' }, /runs\[1\]\.model\.files must be a list/],
      [{ format: 'tfjs', files: [] }, /runs\[1\]\.model\.files must name at least one file/],
      [
        { format: 'tfjs', files: [{ name: 'model.json' }] },
        /runs\[1\]\.model\.files\[0\]\.path must be a non-empty string/,
      ],
      [
        {
          format: 'tfjs',
          files: [
            { name: 'model.json', path: 'runs/run_imported/model/1.bin' },
            { name: 'model.json', path: 'runs/run_imported/model/2.bin' },
          ],
        },
        /runs\[1\]\.model\.files\[1\]\.name "model\.json" is listed twice/,
      ],
    ];
    for (const [model, reason] of cases) {
      const bytes = await withIndex((index) => {
        importedEntry(index).model = model;
      });
      await expectAppError(openProjectZip(bytes), 'invalid-project', reason);
    }
  });

  it('refuses an imported run whose model files are not listed', async () => {
    const bytes = await withIndex((index) => {
      delete importedEntry(index).model;
    });
    await expectAppError(
      openProjectZip(bytes),
      'invalid-project',
      /run run_imported is an imported model, but its model files are not listed/,
    );
  });

  it('refuses a project whose model file is missing', async () => {
    const bytes = await withIndex((_, files) => {
      delete files['runs/run_imported/model/2.bin'];
    });
    await expectAppError(
      openProjectZip(bytes),
      'invalid-project',
      /runs\/run_imported\/model\/2\.bin is missing/,
    );
  });

  it('refuses model files on a trained run, and files of another format than the record', async () => {
    const onTrained = await withIndex((index) => {
      (index.runs[0] as Record<string, unknown>).model = importedEntry(index).model;
    });
    await expectAppError(
      openProjectZip(onTrained),
      'invalid-project',
      /run run_test lists model files, but it is not an imported model/,
    );
    const otherFormat = await withIndex((index) => {
      (importedEntry(index).model as Record<string, unknown>).format = 'onnx';
    });
    await expectAppError(
      openProjectZip(otherFormat),
      'invalid-project',
      /imported tfjs model, but its files are listed as onnx/,
    );
  });

  it('does not write a project when an imported model has lost its files', async () => {
    await expectAppError(
      projectBytes({ ...source(), model: () => Promise.resolve(undefined) }),
      'not-found',
      /imported model “facenet” has no stored files/,
    );
  });
});
