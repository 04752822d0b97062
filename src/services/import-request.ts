// From dropped or picked files to an import request: the folder that directly holds an image
// names its identity (`Ada/1.jpg` → Ada, `people/Ada/1.jpg` → Ada); loose files go to the
// person the user chose or, by default, to Unsorted; files dropped onto a person's card all go
// to that person, whatever folder they sit in. Files dropped onto Strangers, and files inside a
// folder named "strangers" (`data/strangers/Bob/1.jpg`), go to Strangers, never to a person
// called "strangers": each stranger's folder one capture group, a loose photo its own.
// Operating-system clutter (.DS_Store, Thumbs.db, __MACOSX) is ignored.

import { AppError } from '../lib/errors';
import type { ImportDestination, ImportRequest, ImportSource } from './run-import';
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
  | { by: 'person'; name: string }
  /** Every file to Strangers (files dropped or picked there): one group per stranger's folder. */
  | { by: 'strangers' };

/** Loose files to Unsorted, folders to their people: what a plain drop does. */
export const FOLDERS_OR_UNSORTED: ImportTarget = { by: 'folder', loose: null };

const CLUTTER = /(^|\/)(\.[^/]*|__MACOSX)(\/|$)|(^|\/)(Thumbs\.db|desktop\.ini)$/i;

export function isClutter(path: string): boolean {
  return CLUTTER.test(path);
}

/** A folder that holds strangers rather than naming a person ("strangers", any case). */
export function isStrangersFolder(name: string): boolean {
  return name.trim().toLowerCase() === 'strangers';
}

/**
 * A stranger's destination: the folder that holds the photo is that stranger, so its photos
 * share a capture group; a photo outside any folder, or directly in a "strangers" folder, is a
 * loose photo of its own.
 */
function strangerOf(folderParts: readonly string[]): ImportDestination {
  const holder = folderParts.at(-1);
  return holder === undefined || isStrangersFolder(holder)
    ? { kind: 'strangers', group: null }
    : { kind: 'strangers', group: `stranger:${folderParts.join('/')}` };
}

function destinationOf(target: ImportTarget, folderParts: readonly string[]): ImportDestination {
  if (target.by === 'strangers') return strangerOf(folderParts);
  if (target.by === 'person') return { kind: 'person', name: target.name.trim() };
  const strangersAt = folderParts.findIndex(isStrangersFolder);
  if (strangersAt >= 0) return strangerOf(folderParts.slice(strangersAt));
  const name =
    folderParts.length > 0 ? (folderParts.at(-1) as string).trim() : target.loose?.trim();
  // A folder named only with spaces names nobody: its files go to Unsorted.
  return name ? { kind: 'person', name } : { kind: 'unsorted' };
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
    sources.push({ file, path: parts.join('/'), to: destinationOf(target, folderParts), folder });
  }
  return { sources, emptyFolders: [...collected.emptyFolders].sort(), noFace };
}
