import { describe, expect, it } from 'vitest';
import { FolderNames, UniqueNames, safeSegment } from './folder-names';

describe('safeSegment', () => {
  it.each([
    ['Anna/Maria', 'Anna_Maria'],
    ['a\\b:c*d?e"f<g>h|i', 'a_b_c_d_e_f_g_h_i'],
    ['..', '__'],
    ['.hidden', '_hidden'],
    ['Ann. ', 'Ann'],
    ['CON', 'CON_'],
    ['lpt1', 'lpt1_'],
    ['con.png', 'con_.png'],
    ['Connor', 'Connor'],
    ['José', 'José'],
    ['Jose\u0301', 'José'],
    ['王小明', '王小明'],
    ['tab\there', 'tab_here'],
    ['   ', 'person'],
  ])('%j → %j', (name, folder) => {
    expect(safeSegment(name, 'person')).toBe(folder);
  });

  it('caps long names at 200 UTF-8 bytes without splitting a character', () => {
    const folder = safeSegment('😀'.repeat(100), 'person');
    expect(new TextEncoder().encode(folder).length).toBe(200);
    expect(folder).toBe('😀'.repeat(50));
  });
});

describe('unique names', () => {
  it('gives each person their own folder, ignoring case, and the same folder again', () => {
    const folders = new FolderNames();
    expect(
      ['Ada', 'ada', 'Ada', 'A/da', 'A:da', 'manifest.json'].map((n) => folders.folderFor(n)),
    ).toEqual(['Ada', 'ada (2)', 'Ada', 'A_da', 'A_da (2)', 'manifest.json (2)']);
  });

  it('puts the counter before a file extension', () => {
    const files = new UniqueNames();
    expect(['1.png', '1.PNG', '1.png', 'x'].map((n) => files.claim(n, true))).toEqual([
      '1.png',
      '1 (2).PNG',
      '1 (3).png',
      'x',
    ]);
  });
});
