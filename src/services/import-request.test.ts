import { describe, expect, it } from 'vitest';
import { buildImportRequest, FOLDERS_OR_UNSORTED } from './import-request';
import type { ImportSource } from './run-import';

const blob = new Blob(['x']);
const files = (...paths: string[]) => ({
  files: paths.map((path) => ({ file: blob, path })),
  emptyFolders: [],
});
/** A person's name; null for Unsorted; "Strangers <group>" for a stranger. */
const who = ({ to }: ImportSource) =>
  to.kind === 'person' ? to.name : to.kind === 'unsorted' ? null : `Strangers ${to.group}`;
const names = (request: ReturnType<typeof buildImportRequest>) =>
  request.sources.map((s) => [s.path, who(s)]);

describe('buildImportRequest', () => {
  it('names the identity after the folder that holds the image', () => {
    const request = buildImportRequest(
      files('Ada/1.jpg', 'people/Alan/2.jpg', 'root/a/b/Grace/3.png'),
      FOLDERS_OR_UNSORTED,
      'skip',
    );
    expect(request.sources.map((s) => [who(s), s.folder])).toEqual([
      ['Ada', 'Ada'],
      ['Alan', 'people/Alan'],
      ['Grace', 'root/a/b/Grace'],
    ]);
  });

  it('puts loose files with the chosen person, or in Unsorted (null) by default', () => {
    const chosen = buildImportRequest(files('me.jpg'), { by: 'folder', loose: 'Ada' }, 'skip');
    expect(chosen.sources.map(who)).toEqual(['Ada']);
    const plain = buildImportRequest(files('me.jpg', 'Bob/1.jpg'), FOLDERS_OR_UNSORTED, 'skip');
    expect(names(plain)).toEqual([
      ['Bob/1.jpg', 'Bob'],
      ['me.jpg', null],
    ]);
    expect(buildImportRequest(files('   /x.jpg'), FOLDERS_OR_UNSORTED, 'skip').sources).toEqual([
      expect.objectContaining({ to: { kind: 'unsorted' } }),
    ]);
  });

  it('sends every file to one person when dropped on that person, folders or not', () => {
    const request = buildImportRequest(
      files('me.jpg', 'Bob/1.jpg', 'trip/day 1/2.jpg', 'Bob/.DS_Store'),
      { by: 'person', name: ' Ada ' },
      'centre',
    );
    expect(names(request)).toEqual([
      ['Bob/1.jpg', 'Ada'],
      ['me.jpg', 'Ada'],
      ['trip/day 1/2.jpg', 'Ada'],
    ]);
    // Folders still count for "no images found in" (the same per-file reasons as any import).
    expect(request.sources.map((s) => s.folder)).toEqual(['Bob', null, 'trip/day 1']);
    expect(request.noFace).toBe('centre');
  });

  it('refuses to send files to a person without a name', () => {
    expect(() => buildImportRequest(files('me.jpg'), { by: 'person', name: ' ' }, 'skip')).toThrow(
      /Choose the person these files belong to/,
    );
  });

  it('sends every file dropped onto Strangers there, one group per stranger’s folder', () => {
    const request = buildImportRequest(
      files(
        'strangers/Bob/1.jpg',
        'strangers/Bob/2.jpg',
        'strangers/loose.jpg',
        'Eve/1.jpg',
        'x.jpg',
      ),
      { by: 'strangers' },
      'skip',
    );
    expect(names(request)).toEqual([
      ['Eve/1.jpg', 'Strangers stranger:Eve'],
      ['strangers/Bob/1.jpg', 'Strangers stranger:strangers/Bob'],
      ['strangers/Bob/2.jpg', 'Strangers stranger:strangers/Bob'],
      // Loose photos, outside any folder or directly in "strangers", are each their own group.
      ['strangers/loose.jpg', 'Strangers null'],
      ['x.jpg', 'Strangers null'],
    ]);
  });

  it('files a folder named "strangers" as Strangers in a plain drop, never as a person', () => {
    const request = buildImportRequest(
      files('data/people/Ada/1.jpg', 'data/Strangers/Bob/1.jpg', 'data/strangers /2.jpg', 'me.jpg'),
      FOLDERS_OR_UNSORTED,
      'skip',
    );
    expect(names(request)).toEqual([
      ['data/Strangers/Bob/1.jpg', 'Strangers stranger:Strangers/Bob'],
      ['data/people/Ada/1.jpg', 'Ada'],
      ['data/strangers /2.jpg', 'Strangers null'],
      ['me.jpg', null],
    ]);
    // Files dropped onto a person's card are that person's, whatever their folder.
    const onCard = buildImportRequest(
      files('strangers/1.jpg'),
      { by: 'person', name: 'Ada' },
      'skip',
    );
    expect(names(onCard)).toEqual([['strangers/1.jpg', 'Ada']]);
  });

  it('ignores operating-system clutter', () => {
    const request = buildImportRequest(
      files('Ada/.DS_Store', 'Ada/Thumbs.db', 'Ada/1.jpg', '.hidden/x.jpg'),
      FOLDERS_OR_UNSORTED,
      'skip',
    );
    expect(request.sources.map((s) => s.path)).toEqual(['Ada/1.jpg']);
  });

  it('keeps empty folders for the summary', () => {
    const request = buildImportRequest(
      { files: [], emptyFolders: ['people/Nobody'] },
      FOLDERS_OR_UNSORTED,
      'skip',
    );
    expect(request.emptyFolders).toEqual(['people/Nobody']);
  });
});
