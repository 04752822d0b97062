// From dropped or picked files to an import request: the folder that directly holds an image
// names its identity (`Ada/1.jpg` → Ada, `people/Ada/1.jpg` → Ada); loose files go to the
// person the user chose. Operating-system clutter (.DS_Store, Thumbs.db, __MACOSX) is ignored.

import type { ImportRequest, ImportSource } from './run-import';
import type { NoFacePolicy } from '../domain/face-crop-outcome';

export interface CollectedFile {
  file: Blob;
  /** Relative path with `/` separators, e.g. `people/Ada/1.jpg`; a loose file is just its name. */
  path: string;
}

export interface CollectedFiles {
  files: CollectedFile[];
  emptyFolders: string[];
}

const CLUTTER = /(^|\/)(\.[^/]*|__MACOSX)(\/|$)|(^|\/)(Thumbs\.db|desktop\.ini)$/i;

export function isClutter(path: string): boolean {
  return CLUTTER.test(path);
}

export function buildImportRequest(
  collected: CollectedFiles,
  looseIdentity: string | null,
  noFace: NoFacePolicy,
): ImportRequest {
  const sources: ImportSource[] = [];
  const sorted = [...collected.files].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  for (const { file, path } of sorted) {
    if (isClutter(path)) continue;
    const parts = path.split('/').filter(Boolean);
    const folderParts = parts.slice(0, -1);
    const folder = folderParts.length > 0 ? folderParts.join('/') : null;
    const identityName =
      folderParts.length > 0 ? (folderParts.at(-1) as string).trim() : looseIdentity;
    sources.push({ file, path: parts.join('/'), identityName: identityName || null, folder });
  }
  return { sources, emptyFolders: [...collected.emptyFolders].sort(), noFace };
}
