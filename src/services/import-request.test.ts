import { describe, expect, it } from 'vitest';
import { buildImportRequest } from './import-request';

const blob = new Blob(['x']);
const files = (...paths: string[]) => ({
  files: paths.map((path) => ({ file: blob, path })),
  emptyFolders: [],
});

describe('buildImportRequest', () => {
  it('names the identity after the folder that holds the image', () => {
    const request = buildImportRequest(
      files('Ada/1.jpg', 'people/Alan/2.jpg', 'root/a/b/Grace/3.png'),
      null,
      'skip',
    );
    expect(request.sources.map((s) => [s.identityName, s.folder])).toEqual([
      ['Ada', 'Ada'],
      ['Alan', 'people/Alan'],
      ['Grace', 'root/a/b/Grace'],
    ]);
  });

  it('puts loose files with the chosen person, or with nobody', () => {
    expect(buildImportRequest(files('me.jpg'), 'Ada', 'skip').sources[0]?.identityName).toBe('Ada');
    expect(buildImportRequest(files('me.jpg'), null, 'skip').sources[0]?.identityName).toBeNull();
  });

  it('ignores operating-system clutter', () => {
    const request = buildImportRequest(
      files('Ada/.DS_Store', 'Ada/Thumbs.db', 'Ada/1.jpg', '.hidden/x.jpg'),
      null,
      'skip',
    );
    expect(request.sources.map((s) => s.path)).toEqual(['Ada/1.jpg']);
  });

  it('keeps empty folders for the summary', () => {
    const request = buildImportRequest(
      { files: [], emptyFolders: ['people/Nobody'] },
      null,
      'skip',
    );
    expect(request.emptyFolders).toEqual(['people/Nobody']);
  });
});
