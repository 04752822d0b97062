// From dropped or picked files to an import request: the folder that directly holds an image
// names its identity (`Ada/1.jpg` → Ada, `people/Ada/1.jpg` → Ada); loose files go to the
// person the user chose or, by default, to Unsorted; files dropped onto a person's card all go
// to that person, whatever folder they sit in. Operating-system clutter (.DS_Store, Thumbs.db,
// __MACOSX) is ignored.

import { AppError } from '../lib/errors';
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

/** Where dropped or picked files go. */
export type ImportTarget =
  /**
   * Each file to the person its folder names; files outside a folder to the person named
   * `loose`, or to Unsorted (every face kept) when `loose` is null.
   */
  | { by: 'folder'; loose: string | null }
  /** Every file to this one person, folders or not (files dropped onto a person's card). */
  | { by: 'person'; name: string };

/** Loose files to Unsorted, folders to their people: what a plain drop does. */
export const FOLDERS_OR_UNSORTED: ImportTarget = { by: 'folder', loose: null };

const CLUTTER = /(^|\/)(\.[^/]*|__MACOSX)(\/|$)|(^|\/)(Thumbs\.db|desktop\.ini)$/i;

export function isClutter(path: string): boolean {
  return CLUTTER.test(path);
}

export function buildImportRequest(
  collected: CollectedFiles,
  target: ImportTarget,
  noFace: NoFacePolicy,
): ImportRequest {
  if (target.by === 'person' && target.name.trim() === '')
    throw new AppError('invalid-name', 'Choose the person these files belong to.');
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
      target.by === 'person'
        ? target.name.trim()
        : folderParts.length > 0
          ? (folderParts.at(-1) as string).trim()
          : target.loose?.trim();
    // A folder named only with spaces names nobody: its files go to Unsorted.
    sources.push({ file, path: parts.join('/'), identityName: identityName || null, folder });
  }
  return { sources, emptyFolders: [...collected.emptyFolders].sort(), noFace };
}
