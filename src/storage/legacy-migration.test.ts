// Opening a studio written by the previous version (one idb-keyval database per store) with
// today's storage: everything is there, once, and the old databases are gone; an interrupted
// move leaves the old data in place and is done again on the next open.

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, database } from './db';
import { getEvaluation } from './evaluation-repo';
import { listIdentities } from './identity-repo';
import { getCrops, getThumb, listImages } from './image-repo';
import { LEGACY_DATABASES, MIGRATED_KEY } from './legacy-migration';
import { getCheckpoint, listRuns } from './run-repo';
import type { CheckpointRecord } from './run-records';
import { imageRecord, storedImage } from './test-utils/image-fixtures';
import { writeLegacyStudio, type LegacyStudio } from './test-utils/legacy-layout';
import { resetDatabase } from './test-utils/reset-database';
import { asTrained, sampleEvaluation, sampleRun } from './test-utils/run-fixtures';

function legacyStudio(): LegacyStudio {
  const checkpoint: CheckpointRecord = {
    runId: 'run_test',
    epoch: 2,
    savedAt: 3,
    state: {
      version: 1,
      step: 6,
      backbone: [{ name: 'w', shape: [3], dtype: 'float32', data: Float32Array.from([1, 2, 3]) }],
      head: [],
      optimizer: [],
    },
  };
  return {
    identities: [
      { id: 'p1', name: 'Ada', createdAt: 1 },
      { id: 'p2', name: 'Grace', createdAt: 2 },
    ],
    images: ['a', 'b', 'c'].map((id, i) => storedImage(imageRecord(id, i < 2 ? 'p1' : 'p2'))),
    runs: [sampleRun()],
    checkpoints: [checkpoint],
    evaluations: [sampleEvaluation()],
  };
}

async function legacyNames(): Promise<string[]> {
  const all = new Set(Object.values(LEGACY_DATABASES));
  return (await indexedDB.databases()).flatMap((info) =>
    info.name && all.has(info.name) ? [info.name] : [],
  );
}

async function deleteLegacy(): Promise<void> {
  for (const name of Object.values(LEGACY_DATABASES)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = resolve;
    });
  }
}

const text = (blob: Blob | undefined) => blob?.text();

describe('opening data written by the previous storage layout', () => {
  beforeEach(async () => {
    await resetDatabase();
    await deleteLegacy();
  });
  afterEach(async () => {
    await closeDatabase();
  });

  it('moves people, images with their pixels, runs, checkpoints and evaluations in', async () => {
    await writeLegacyStudio(legacyStudio());
    expect(await legacyNames()).toHaveLength(7);

    expect((await listIdentities()).map((p) => p.name)).toEqual(['Ada', 'Grace']);
    const images = await listImages();
    expect(images.map((i) => i.id).sort()).toEqual(['a', 'b', 'c']);
    expect(images.find((i) => i.id === 'c')?.identityId).toBe('p2');
    expect(await Promise.all((await getCrops(['a', 'b', 'c'])).map(text))).toEqual([
      'crop a',
      'crop b',
      'crop c',
    ]);
    expect(await text(await getThumb('b'))).toBe('thumb b');
    const runs = await listRuns();
    expect(runs.map((r) => r.id)).toEqual(['run_test']);
    expect(asTrained(runs[0])?.identities.map((p) => p.name)).toEqual([
      'Ada',
      'Grace, Admiral',
      'Linus',
    ]);
    const checkpoint = await getCheckpoint('run_test');
    expect(checkpoint?.epoch).toBe(2);
    expect(Array.from(checkpoint?.state.backbone[0]?.data as Float32Array)).toEqual([1, 2, 3]);
    expect((await getEvaluation('run_test'))?.threshold).toBe(sampleEvaluation().threshold);

    // The old databases are deleted once the move has committed.
    await expect.poll(legacyNames).toEqual([]);
  });

  it('moves once: a reopened studio keeps one copy of everything', async () => {
    await writeLegacyStudio(legacyStudio());
    expect(await listImages()).toHaveLength(3);
    await closeDatabase();
    expect(await listImages()).toHaveLength(3);
    expect(await (await database()).get('meta', MIGRATED_KEY)).toMatchObject({
      moved: { identities: 2, images: 3, crops: 3, thumbs: 3, runs: 1, checkpoints: 1 },
    });
  });

  it('a move that fails part-way writes nothing and keeps the old data for the next open', async () => {
    await writeLegacyStudio(legacyStudio());
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      if (this.name === 'runs') throw new DOMException('disk full', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await expect(listImages()).rejects.toThrow();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await legacyNames()).toHaveLength(7);
    const db = await (await import('idb')).openDB('face-studio');
    try {
      expect(await db.count('images')).toBe(0);
      expect(await db.count('crops')).toBe(0);
      expect(await db.get('meta', MIGRATED_KEY)).toBeUndefined();
    } finally {
      db.close();
    }

    expect(await listImages()).toHaveLength(3);
    expect(await listRuns()).toHaveLength(1);
    await expect.poll(legacyNames).toEqual([]);
  });

  it('a new studio with no earlier data opens empty and notes that nothing needs moving', async () => {
    expect(await listIdentities()).toEqual([]);
    expect(await (await database()).get('meta', MIGRATED_KEY)).toMatchObject({ moved: {} });
    expect(await legacyNames()).toEqual([]);
  });
});
