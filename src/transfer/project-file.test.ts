// The project file format on its own: typed arrays and NaN survive, and every bad file is
// refused with its reason: not a zip, no index, a newer version, an unsafe name, a missing entry.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { StoredEvaluation } from '../storage/evaluation-repo';
import type { CheckpointRecord } from '../storage/run-records';
import { openProjectZip, writeProjectZip, type ProjectSource } from './project-file';
import { PROJECT_INDEX_NAME, PROJECT_VERSION } from './project-index';
import { UNSORTED_ID, type ImageRecord } from '../storage/records';
import { collect, concat, expectAppError } from './test-utils/transfer-test-utils';
import { sampleEvaluation, sampleRun } from '../storage/test-utils/run-fixtures';
import { binaryPaths, decodeTyped, encodeTyped, type BinaryPart } from './typed-json';

const checkpoint: CheckpointRecord = {
  runId: 'run_test',
  epoch: 2,
  savedAt: 5,
  state: {
    version: 1,
    step: 6,
    backbone: [
      {
        name: 'conv/kernel',
        shape: [2, 2],
        dtype: 'float32',
        data: Float32Array.from([1.5, -2, 3e-8, 4]),
      },
    ],
    head: [],
    optimizer: [],
  },
};

function source(): ProjectSource {
  const run = sampleRun();
  return {
    identities: [{ id: 'p1', name: 'Ada', createdAt: 1 }],
    images: [
      {
        id: 'i1',
        identityId: 'p1',
        sourceName: 'Ada/1.jpg',
        hash: 'h1',
        width: 9,
        height: 9,
        format: 'jpeg',
        bytes: 3,
        addedAt: 1,
        captureGroup: 'g1',
        crop: 'aligned',
      },
    ],
    runs: [run],
    settings: { noFacePolicy: 'centre' },
    crop: () => Promise.resolve(new Blob([strToU8('crop-bytes')])),
    thumb: () => Promise.resolve(new Blob([strToU8('thumb')])),
    photo: () => Promise.resolve(undefined),
    checkpoint: () => Promise.resolve(checkpoint),
    evaluation: () => Promise.resolve(sampleEvaluation()),
    model: () => Promise.resolve(undefined),
  };
}

async function projectBytes(): Promise<Uint8Array> {
  const { chunks } = await collect(
    writeProjectZip(source(), { appVersion: '0.1.0', createdAt: new Date('2026-01-01T00:00:00Z') }),
  );
  return concat(chunks);
}

function edited(
  bytes: Uint8Array,
  change: (files: Record<string, Uint8Array>) => void,
): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files);
}

describe('typed JSON', () => {
  it('keeps typed arrays with their type, views of larger buffers, and non-finite numbers', () => {
    const big = new Float64Array([9, 1, 2, 3]);
    const value = {
      a: Float32Array.from([1, 2]),
      b: big.subarray(1, 3),
      c: [NaN, Infinity, -Infinity, 1],
      d: { e: Int32Array.from([-1]) },
      f: undefined,
    };
    const parts: BinaryPart[] = [];
    const json = JSON.parse(JSON.stringify(encodeTyped(value, 'x/', parts))) as unknown;
    expect(binaryPaths(json)).toEqual(['x/0.bin', 'x/1.bin', 'x/2.bin']);
    const bytes = new Map(parts.map((p) => [p.path, p.bytes]));
    const back = decodeTyped(json, (path) => bytes.get(path) ?? new Uint8Array(0)) as typeof value;
    expect(back.a).toBeInstanceOf(Float32Array);
    expect(Array.from(back.a)).toEqual([1, 2]);
    expect(back.b).toBeInstanceOf(Float64Array);
    expect(Array.from(back.b)).toEqual([1, 2]);
    expect(back.c).toEqual([NaN, Infinity, -Infinity, 1]);
    expect(back.d.e).toEqual(Int32Array.from([-1]));
    expect('f' in back).toBe(false);
  });
});

describe('project file', () => {
  it('gives back the index, images, run, checkpoint and evaluation exactly', async () => {
    const project = await openProjectZip(await projectBytes());
    expect(project.index.identities).toEqual(source().identities);
    expect(project.index.images.map((i) => i.record)).toEqual(source().images);
    expect(project.index.settings).toEqual({ noFacePolicy: 'centre' });
    expect(new TextDecoder().decode(await project.read(project.index.images[0]?.crop ?? ''))).toBe(
      'crop-bytes',
    );
    const entry = project.index.runs[0];
    if (!entry?.checkpoint || !entry.evaluation) throw new Error('run files missing');
    expect(await project.readTyped(entry.run)).toEqual(sampleRun());
    expect(await project.readTyped(entry.checkpoint)).toEqual(checkpoint);
    const evaluation = (await project.readTyped(entry.evaluation)) as StoredEvaluation;
    expect(evaluation.evaluation.templates.data).toBeInstanceOf(Float64Array);
    expect(evaluation).toEqual(sampleEvaluation());
  });

  it('refuses what is not a zip', async () => {
    await expectAppError(openProjectZip(strToU8('just some text')), 'not-a-zip');
  });

  it('refuses a zip without project.json, saying how to import a dataset instead', async () => {
    await expectAppError(
      openProjectZip(zipSync({ 'Ada/1.jpg': strToU8('x') })),
      'invalid-project',
      /Import dataset zip/,
    );
  });

  it('refuses a project from a newer version', async () => {
    const bytes = edited(await projectBytes(), (files) => {
      const index = JSON.parse(new TextDecoder().decode(files[PROJECT_INDEX_NAME])) as Record<
        string,
        unknown
      >;
      files[PROJECT_INDEX_NAME] = strToU8(
        JSON.stringify({ ...index, version: PROJECT_VERSION + 1, appVersion: '9.0.0' }),
      );
    });
    await expectAppError(openProjectZip(bytes), 'project-too-new', /newer Face Studio \(9\.0\.0\)/);
  });

  it('refuses an entry named with ..', async () => {
    const bytes = edited(await projectBytes(), (files) => {
      files['../evil.jpg'] = strToU8('x');
    });
    await expectAppError(openProjectZip(bytes), 'unsafe-zip-path');
  });

  it('refuses a project whose checkpoint weights are missing', async () => {
    const bytes = edited(await projectBytes(), (files) => {
      for (const name of Object.keys(files))
        if (name.startsWith('runs/run_test/checkpoint-')) delete files[name];
    });
    await expectAppError(openProjectZip(bytes), 'invalid-project', /checkpoint-0\.bin is missing/);
  });

  it('refuses a damaged index', async () => {
    const bytes = edited(await projectBytes(), (files) => {
      files[PROJECT_INDEX_NAME] = strToU8(
        '{"format":"face-studio-project","version":1,"appVersion":"1","createdAt":"x","identities":[],"images":[{}],"runs":[]}',
      );
    });
    await expectAppError(openProjectZip(bytes), 'invalid-project', /images\[0\]/);
  });
});

describe('project file with Unsorted images and source photos', () => {
  const crop = (id: string, identityId: string, photoKey?: string): ImageRecord => ({
    ...(source().images[0] as ImageRecord),
    id,
    identityId,
    ...(photoKey !== undefined && { photoKey }),
  });
  const withPhotos = (): ProjectSource => ({
    ...source(),
    images: [
      crop('u1', UNSORTED_ID, '../not a path'),
      crop('u2', UNSORTED_ID, '../not a path'),
      crop('i1', 'p1', 'solo'),
      crop('i2', 'p1', 'gone'),
    ],
    runs: [],
    photo: (key) =>
      Promise.resolve(key === 'gone' ? undefined : new Blob([strToU8(`photo ${key}`)])),
  });
  const bytesOf = async (project: ProjectSource) =>
    concat((await collect(writeProjectZip(project, { appVersion: '0.2.0' }))).chunks);

  it('writes each photo once, under a safe name, and reads Unsorted images back', async () => {
    const bytes = await bytesOf(withPhotos());
    expect(Object.keys(unzipSync(bytes)).filter((n) => n.startsWith('photos/'))).toEqual([
      'photos/1.jpg',
      'photos/2.jpg',
    ]);
    const project = await openProjectZip(bytes);
    expect(project.index.version).toBe(PROJECT_VERSION);
    expect(project.index.images.map((i) => [i.record.id, i.record.identityId, i.photo])).toEqual([
      ['u1', UNSORTED_ID, 'photos/1.jpg'],
      ['u2', UNSORTED_ID, 'photos/1.jpg'],
      ['i1', 'p1', 'photos/2.jpg'],
      // Its photo was not stored: the record keeps its key, the file names no entry.
      ['i2', 'p1', undefined],
    ]);
    expect(new TextDecoder().decode(await project.read('photos/1.jpg'))).toBe(
      'photo ../not a path',
    );
  });

  it('refuses a project whose photo entry is missing', async () => {
    const bytes = edited(await bytesOf(withPhotos()), (files) => {
      delete files['photos/2.jpg'];
    });
    await expectAppError(openProjectZip(bytes), 'invalid-project', /photos\/2\.jpg is missing/);
  });

  it('still refuses an image of a person the file does not list', async () => {
    const bytes = await bytesOf({ ...withPhotos(), images: [crop('x', 'p9')] });
    await expectAppError(openProjectZip(bytes), 'invalid-project', /belongs to no listed person/);
  });
});
