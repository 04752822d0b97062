import { describe, expect, it } from 'vitest';
import { buildImportRequest, FOLDERS_OR_UNSORTED } from './import-request';

const blob = new Blob(['x']);
const files = (...paths: string[]) => ({
  files: paths.map((path) => ({ file: blob, path })),
  emptyFolders: [],
});
const names = (request: ReturnType<typeof buildImportRequest>) =>
  request.sources.map((s) => [s.path, s.identityName]);

describe('buildImportRequest', () => {
  it('names the identity after the folder that holds the image', () => {
    const request = buildImportRequest(
      files('Ada/1.jpg', 'people/Alan/2.jpg', 'root/a/b/Grace/3.png'),
      FOLDERS_OR_UNSORTED,
      'skip',
    );
    expect(request.sources.map((s) => [s.identityName, s.folder])).toEqual([
      ['Ada', 'Ada'],
      ['Alan', 'people/Alan'],
      ['Grace', 'root/a/b/Grace'],
    ]);
  });

  it('puts loose files with the chosen person, or in Unsorted (null) by default', () => {
    const chosen = buildImportRequest(files('me.jpg'), { by: 'folder', loose: 'Ada' }, 'skip');
    expect(chosen.sources[0]?.identityName).toBe('Ada');
    const plain = buildImportRequest(files('me.jpg', 'Bob/1.jpg'), FOLDERS_OR_UNSORTED, 'skip');
    expect(names(plain)).toEqual([
      ['Bob/1.jpg', 'Bob'],
      ['me.jpg', null],
    ]);
    expect(buildImportRequest(files('   /x.jpg'), FOLDERS_OR_UNSORTED, 'skip').sources).toEqual([
      expect.objectContaining({ identityName: null }),
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
