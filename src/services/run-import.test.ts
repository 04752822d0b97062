import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { STRANGERS_ID, UNSORTED_ID, type StoredImage } from '../storage/records';
import type { FaceSelection, NoFacePolicy } from '../domain/face-crop-outcome';
import type { PreparedFace, PreparedImage } from '../worker/import-protocol';
import { runImport, type ImportDeps, type ImportRequest } from './run-import';
import { buildImportRequest } from './import-request';

/** A file whose content is its text; "bad:<code>" files fail the way the worker would. */
const file = (content: string) => new Blob([content]);

/** "noface:" files hold no face, "group:" files three (largest first); the rest one face. */
async function fakePrepare(
  blob: Blob,
  name: string,
  noFace: NoFacePolicy = 'skip',
  selection: FaceSelection = 'largest',
): Promise<PreparedImage> {
  const text = await blob.text();
  if (text.startsWith('bad:'))
    throw new AppError('not-an-image', `${name}: not an image (a text file).`);
  const image = {
    hash: `hash:${text}`,
    format: 'jpeg',
    width: 250,
    height: 250,
    bytes: text.length,
    photo: new Blob([`photo ${text}`]),
  };
  const crop = (i: number) => ({
    crop: new Blob([`crop ${text} ${i}`]),
    thumb: new Blob([`thumb ${text} ${i}`]),
  });
  if (text.startsWith('noface:')) {
    if (noFace === 'skip') throw new AppError('no-face', `${name}: no face found.`);
    return { ...image, facesFound: 0, faces: [{ ...crop(0), face: { kind: 'centre', faces: 0 } }] };
  }
  const found = text.startsWith('group:') ? 3 : 1;
  const faces: PreparedFace[] = Array.from({ length: found }, (_, i) => ({
    ...crop(i),
    face: {
      kind: 'aligned',
      faces: found,
      score: 0.9,
      box: { x: i * 80, y: 10, width: 100 - i * 20, height: 100 - i * 20 },
      eyeDistance: 40,
    },
  }));
  return { ...image, facesFound: found, faces: selection === 'every' ? faces : faces.slice(0, 1) };
}

function request(
  entries: [path: string, content: string][],
  emptyFolders: string[] = [],
  noFace: NoFacePolicy = 'skip',
): ImportRequest {
  return {
    sources: entries.map(([path, content]) => {
      const parts = path.split('/');
      return {
        file: file(content),
        path,
        to:
          parts.length > 1
            ? { kind: 'person' as const, name: parts.at(-2) as string }
            : { kind: 'unsorted' as const },
        folder: parts.length > 1 ? parts.slice(0, -1).join('/') : null,
      };
    }),
    emptyFolders,
    noFace,
  };
}

function deps(
  overrides: Partial<ImportDeps> = {},
): ImportDeps & { saved: StoredImage[]; batches: StoredImage[][] } {
  const saved: StoredImage[] = [];
  const batches: StoredImage[][] = [];
  const ids = new Map<string, string>();
  return {
    saved,
    batches,
    prepare: fakePrepare,
    knownHashes: new Map(),
    identityIdFor: async (name) => {
      const created = !ids.has(name);
      if (created) ids.set(name, `id-${name}`);
      return { id: ids.get(name) as string, created };
    },
    save: async (batch) => {
      saved.push(...batch);
      batches.push([...batch]);
    },
    onProgress: () => {},
    onSaved: () => {},
    concurrency: 3,
    batchSize: 2,
    ...overrides,
  };
}

describe('runImport', () => {
  it('adds every good image under the identity named by its folder', async () => {
    const d = deps();
    const summary = await runImport(
      request([
        ['Ada/1.jpg', 'a1'],
        ['Ada/2.jpg', 'a2'],
        ['Alan/1.jpg', 'b1'],
      ]),
      d,
    );
    expect(summary).toMatchObject({ total: 3, processed: 3, added: 3, skipped: 0, stopped: null });
    expect(summary.identitiesCreated.sort()).toEqual(['Ada', 'Alan']);
    expect(d.saved.map((s) => [s.record.identityId, s.record.sourceName]).sort()).toEqual([
      ['id-Ada', 'Ada/1.jpg'],
      ['id-Ada', 'Ada/2.jpg'],
      ['id-Alan', 'Alan/1.jpg'],
    ]);
    expect(new Set(d.saved.map((s) => s.record.captureGroup)).size).toBe(3);
  });

  it('skips duplicates by content, within the import and against stored images', async () => {
    const d = deps({ knownHashes: new Map([['hash:old', 'Ada / old.jpg']]) });
    const summary = await runImport(
      request([
        ['Ada/1.jpg', 'same'],
        ['Ada/copy.jpg', 'same'],
        ['Alan/renamed.jpg', 'old'],
      ]),
      d,
    );
    expect(summary.added).toBe(1);
    expect(summary.skippedFiles.map((s) => s.code)).toEqual(['duplicate-image', 'duplicate-image']);
    expect(summary.skippedFiles.find((s) => s.path === 'Alan/renamed.jpg')?.reason).toMatch(
      /already stored \(Ada \/ old\.jpg\)/,
    );
  });

  it('gives each bad file its reason and reports folders without images', async () => {
    const d = deps();
    const summary = await runImport(
      request(
        [
          ['Ada/1.jpg', 'a1'],
          ['Ada/notes.txt', 'bad:text'],
          ['Docs/x.txt', 'bad:x'],
          ['loose.jpg', 'l'],
        ],
        ['Empty'],
      ),
      d,
    );
    expect(summary.added).toBe(2);
    expect(summary.skippedFiles.map((s) => [s.path, s.code]).sort()).toEqual([
      ['Ada/notes.txt', 'not-an-image'],
      ['Docs/x.txt', 'not-an-image'],
    ]);
    // A loose file with no person chosen is not refused: it goes to Unsorted.
    expect(d.saved.find((s) => s.record.sourceName === 'loose.jpg')?.record.identityId).toBe(
      UNSORTED_ID,
    );
    expect(summary.foldersWithoutImages).toEqual(['Docs', 'Empty']);
    expect(summary.identitiesCreated).toEqual(['Ada']);
  });

  it('names the file in a reason the browser gave without it', async () => {
    const gone =
      'A requested file or directory could not be found at the time an operation was processed.';
    const summary = await runImport(
      request([
        ['Ada/1.jpg', 'a1'],
        ['Ada/2.jpg', 'gone'],
      ]),
      deps({
        prepare: async (blob, name, noFace, selection) =>
          (await blob.text()) === 'gone'
            ? Promise.reject(Object.assign(new Error(gone), { name: 'NotFoundError' }))
            : fakePrepare(blob, name, noFace, selection),
      }),
    );
    expect(summary.added).toBe(1);
    expect(summary.skippedFiles.map((s) => s.reason)).toEqual([`Ada/2.jpg: ${gone}`]);
  });

  it('stops on a full disk and keeps what was stored before', async () => {
    let batches = 0;
    const d = deps({
      concurrency: 1,
      save: async (batch) => {
        if (++batches === 3)
          throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
        d.saved.push(...batch);
      },
    });
    const entries = Array.from(
      { length: 12 },
      (_, i) => [`Ada/${i}.jpg`, `a${i}`] as [string, string],
    );
    const summary = await runImport(request(entries), d);
    expect(summary.stopped?.code).toBe('quota-exceeded');
    expect(summary.stopped?.message).toMatch(/ran out of storage space/);
    expect(summary.added).toBe(4);
    expect(d.saved).toHaveLength(4);
    expect(summary.processed).toBeLessThan(12);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const d = deps({
      concurrency: 1,
      onProgress: (p) => {
        if (p.processed === 2) controller.abort();
      },
      signal: controller.signal,
    });
    const entries = Array.from(
      { length: 10 },
      (_, i) => [`Ada/${i}.jpg`, `a${i}`] as [string, string],
    );
    const summary = await runImport(request(entries), d);
    expect(summary.cancelled).toBe(true);
    expect(summary.processed).toBe(2);
    expect(summary.added).toBe(2);
  });

  it(
    'ends at once when cancelled while a file never finishes, keeping what was stored',
    { timeout: 5_000 },
    async () => {
      const controller = new AbortController();
      const d = deps({
        // Ada/5.jpg is prepared but waits its turn behind the hung Ada/3.jpg.
        concurrency: 3,
        signal: controller.signal,
        prepare: async (blob, name, noFace, selection) => {
          const text = await blob.text();
          // A decode that hangs forever, and one whose worker is ended by the cancel.
          if (text === 'hang') return new Promise<never>(() => {});
          if (text === 'killed') {
            setTimeout(() => controller.abort(), 10);
            return new Promise<never>((_, reject) =>
              controller.signal.addEventListener('abort', () =>
                reject(new AppError('worker-failed', `${name}: the worker was stopped.`)),
              ),
            );
          }
          return fakePrepare(blob, name, noFace, selection);
        },
      });
      const summary = await runImport(
        request([
          ['Ada/1.jpg', 'a1'],
          ['Ada/2.jpg', 'a2'],
          ['Ada/3.jpg', 'hang'],
          ['Ada/4.jpg', 'killed'],
          ['Ada/5.jpg', 'a5'],
        ]),
        d,
      );
      expect(summary).toMatchObject({ cancelled: true, processed: 2, added: 2, skipped: 0 });
      expect(summary.skippedFiles).toEqual([]);
      expect(d.saved.map((s) => s.record.sourceName)).toEqual(['Ada/1.jpg', 'Ada/2.jpg']);
    },
  );

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await runImport(
      request([
        ['Ada/1.jpg', 'a'],
        ['Ada/2.jpg', 'b'],
      ]),
      deps({ onProgress: (p) => seen.push(p.processed) }),
    );
    expect(seen.at(-1)).toBe(2);
  });
});

describe('runImport and faces', () => {
  const entries: [string, string][] = [
    ['Ada/1.jpg', 'one'],
    ['Ada/2.jpg', 'group:two'],
    ['Ada/3.jpg', 'noface:three'],
  ];

  it('skips images without a face when asked, counting each case and recording how crops were made', async () => {
    const d = deps();
    const summary = await runImport(request(entries, [], 'skip'), d);
    expect(summary.faces).toMatchObject({
      aligned: 2,
      severalFaces: 1,
      centred: 0,
      skippedNoFace: 1,
      unsorted: 0,
    });
    expect(summary.added).toBe(2);
    expect(summary.skippedFiles.map((f) => f.code)).toEqual(['no-face']);
    expect(d.saved.map((s) => [s.record.crop, s.record.facesFound])).toEqual([
      ['aligned', 1],
      ['aligned', 3],
    ]);
  });

  it('keeps the centred square of images without a face when asked', async () => {
    const d = deps();
    const summary = await runImport(request(entries, [], 'centre'), d);
    expect(summary.faces).toMatchObject({
      aligned: 2,
      severalFaces: 1,
      centred: 1,
      skippedNoFace: 0,
      unsorted: 0,
    });
    expect(summary.added).toBe(3);
    expect(d.saved.at(-1)?.record.crop).toBe('centre');
  });
});

describe('runImport into Unsorted', () => {
  it('gives every face of a loose group photo its own image, sharing the photo', async () => {
    const d = deps({ batchSize: 2 });
    const summary = await runImport(
      request([
        ['party.jpg', 'group:party'],
        ['solo.jpg', 'solo'],
      ]),
      d,
    );
    expect(summary).toMatchObject({ total: 2, processed: 2, added: 4, skipped: 0 });
    expect(summary.identitiesCreated).toEqual([]);
    expect(summary.faces).toEqual({
      aligned: 4,
      severalFaces: 0,
      centred: 0,
      skippedNoFace: 0,
      unsorted: 4,
      unsortedFromGroups: 3,
      strangers: 0,
    });
    const party = d.saved.filter((s) => s.record.sourceName === 'party.jpg').map((s) => s.record);
    expect(party.map((r) => [r.identityId, r.faceIndex, r.facesFound, r.photoKey])).toEqual([
      [UNSORTED_ID, 0, 3, 'hash:group:party'],
      [UNSORTED_ID, 1, 3, 'hash:group:party'],
      [UNSORTED_ID, 2, 3, 'hash:group:party'],
    ]);
    expect(party.map((r) => r.faceBox?.x)).toEqual([0, 80, 160]);
    expect(new Set(party.map((r) => r.captureGroup)).size).toBe(1);
    expect(new Set(party.map((r) => r.id)).size).toBe(3);
    const solo = d.saved.find((s) => s.record.sourceName === 'solo.jpg');
    expect(solo?.record.captureGroup).not.toBe(party[0]?.captureGroup);
    expect(solo?.record.faceIndex).toBe(0);
    // The crops are each face's own; the photo goes with them.
    const partySaved = d.saved.filter((s) => s.record.sourceName === 'party.jpg');
    expect(await Promise.all(partySaved.map((s) => s.crop.text()))).toEqual([
      'crop group:party 0',
      'crop group:party 1',
      'crop group:party 2',
    ]);
    expect(await partySaved[0]?.photo?.text()).toBe('photo group:party');
    // A photo's faces are stored in one batch even when it is larger than the batch size.
    expect(d.batches.map((b) => b.map((s) => s.record.sourceName))).toEqual([
      ['party.jpg', 'party.jpg', 'party.jpg'],
      ['solo.jpg'],
    ]);
  });

  it('skips a duplicate photo once per file, not once per face', async () => {
    const d = deps({ knownHashes: new Map([['hash:group:old', 'Unsorted / old.jpg']]) });
    const summary = await runImport(
      request([
        ['a.jpg', 'group:same'],
        ['b.jpg', 'group:same'],
        ['c.jpg', 'group:old'],
      ]),
      d,
    );
    expect(summary).toMatchObject({ processed: 3, added: 3, skipped: 2 });
    expect(summary.skippedFiles.map((f) => [f.path, f.code])).toEqual([
      ['b.jpg', 'duplicate-image'],
      ['c.jpg', 'duplicate-image'],
    ]);
    expect(summary.skippedFiles[0]?.reason).toMatch(/already stored \(Unsorted \/ a\.jpg\)/);
  });

  it('lists a photo without a face with its reason, or keeps its centre in Unsorted, as chosen', async () => {
    const skipped = await runImport(request([['view.jpg', 'noface:view']], [], 'skip'), deps());
    expect(skipped).toMatchObject({ added: 0, skipped: 1 });
    expect(skipped.skippedFiles).toEqual([
      { path: 'view.jpg', code: 'no-face', reason: 'view.jpg: no face found.' },
    ]);
    expect(skipped.faces).toMatchObject({ skippedNoFace: 1, unsorted: 0 });

    const d = deps();
    const kept = await runImport(request([['view.jpg', 'noface:view']], [], 'centre'), d);
    expect(kept).toMatchObject({ added: 1, skipped: 0 });
    expect(kept.faces).toMatchObject({ centred: 1, unsorted: 1, unsortedFromGroups: 0 });
    const record = d.saved[0]?.record;
    expect(record).toMatchObject({ identityId: UNSORTED_ID, crop: 'centre', facesFound: 0 });
    expect(record?.faceIndex).toBeUndefined();
    expect(record?.faceBox).toBeUndefined();
    expect(record?.photoKey).toBe('hash:noface:view');
  });

  it('keeps the largest face of a photo filed under a person, with its box and photo', async () => {
    const d = deps();
    const summary = await runImport(request([['Ada/party.jpg', 'group:party']]), d);
    expect(summary).toMatchObject({ added: 1 });
    expect(summary.faces).toMatchObject({ aligned: 1, severalFaces: 1, unsorted: 0 });
    const [only] = d.saved;
    expect(only?.record).toMatchObject({
      identityId: 'id-Ada',
      facesFound: 3,
      photoKey: 'hash:group:party',
      faceBox: { x: 0, y: 10, width: 100, height: 100 },
    });
    expect(only?.record.faceIndex).toBeUndefined();
    expect(await only?.photo?.text()).toBe('photo group:party');
  });
});

describe('runImport with many lanes', () => {
  it('creates a new person once even when lanes ask for it at the same time', async () => {
    let creations = 0;
    const d = deps({
      concurrency: 4,
      identityIdFor: async (name) => {
        creations++;
        await new Promise((r) => setTimeout(r, 5));
        return { id: `id-${name}`, created: true };
      },
    });
    const entries = Array.from(
      { length: 8 },
      (_, i) => [`Ada/${i}.jpg`, `a${i}`] as [string, string],
    );
    const summary = await runImport(request(entries), d);
    expect(creations).toBe(1);
    expect(summary.identitiesCreated).toEqual(['Ada']);
  });
});

describe('runImport when a folder cannot name a person', () => {
  it('skips that folder’s files with the reason and imports the rest', async () => {
    const d = deps({
      identityIdFor: async (name) => {
        if (name.length > 10)
          throw new AppError('invalid-name', 'A name can have at most 10 characters.');
        return { id: `id-${name}`, created: true };
      },
    });
    const summary = await runImport(
      request([
        ['Ada/1.jpg', 'a'],
        ['An Overly Long Name/2.jpg', 'b'],
      ]),
      d,
    );
    expect(summary.added).toBe(1);
    expect(summary.stopped).toBeNull();
    expect(summary.skippedFiles).toEqual([
      {
        path: 'An Overly Long Name/2.jpg',
        code: 'invalid-name',
        reason:
          'An Overly Long Name/2.jpg: the folder name cannot name a person. A name can have at most 10 characters.',
      },
    ]);
  });
});

describe('runImport into Strangers', () => {
  const strangers = (entries: [path: string, content: string][]): ImportRequest =>
    buildImportRequest(
      {
        files: entries.map(([path, content]) => ({ file: file(content), path })),
        emptyFolders: [],
      },
      { by: 'strangers' },
      'skip',
    );

  it('keeps the largest face of each photo, one group per stranger’s folder', async () => {
    const d = deps();
    const summary = await runImport(
      strangers([
        ['Bob/1.jpg', 'group:bob1'],
        ['Bob/2.jpg', 'bob2'],
        ['Eve/1.jpg', 'eve1'],
        ['loose-1.jpg', 'l1'],
        ['loose-2.jpg', 'l2'],
      ]),
      d,
    );
    expect(summary).toMatchObject({ added: 5, skipped: 0, identitiesCreated: [] });
    expect(summary.faces).toMatchObject({ aligned: 5, severalFaces: 1, unsorted: 0, strangers: 5 });
    const group = (name: string) =>
      d.saved.find((s) => s.record.sourceName === name)?.record.captureGroup;
    expect(d.saved.every((s) => s.record.identityId === STRANGERS_ID)).toBe(true);
    expect(d.saved.every((s) => s.record.faceIndex === undefined)).toBe(true);
    expect(group('Bob/1.jpg')).toBe('stranger:Bob');
    expect(group('Bob/2.jpg')).toBe('stranger:Bob');
    expect(group('Eve/1.jpg')).toBe('stranger:Eve');
    expect(group('loose-1.jpg')).not.toBe(group('loose-2.jpg'));
    expect(group('loose-1.jpg')).not.toMatch(/^stranger:/);
  });

  it('gives each skipped file its reason, duplicates of stored images too', async () => {
    const d = deps({ knownHashes: new Map([['hash:ada', 'Ada / 1.jpg']]) });
    const summary = await runImport(
      strangers([
        ['Bob/1.jpg', 'ada'],
        ['Bob/2.jpg', 'noface:x'],
        ['Bob/3.txt', 'bad:text'],
        ['Bob/4.jpg', 'bob4'],
        ['Bob/5.jpg', 'bob4'],
      ]),
      d,
    );
    expect(summary.added).toBe(1);
    expect(summary.skippedFiles.map((f) => [f.path, f.code])).toEqual([
      ['Bob/1.jpg', 'duplicate-image'],
      ['Bob/2.jpg', 'no-face'],
      ['Bob/3.txt', 'not-an-image'],
      ['Bob/5.jpg', 'duplicate-image'],
    ]);
    expect(summary.skippedFiles[0]?.reason).toMatch(/already stored \(Ada \/ 1\.jpg\)/);
    expect(summary.skippedFiles[3]?.reason).toMatch(/already stored \(Strangers \/ 4\.jpg\)/);
  });
});
