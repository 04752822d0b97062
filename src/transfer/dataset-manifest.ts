// manifest.json of an exported dataset zip: who each folder is (names are free text, folders
// are made safe), and per image its SHA-256, its train/val/test part and its capture group, so
// an import restores exactly what was exported. Validates untrusted JSON into the typed form.

import { AppError } from '../lib/errors';
import { isRecord, jsonFields, type FormatSpec } from './json-fields';
import type { SplitPart } from '../ml/split';

export const MANIFEST_FORMAT = 'face-studio-dataset';
export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE_NAME = 'manifest.json';

export interface ManifestIdentity {
  /** The person's name as the user typed it. */
  name: string;
  /** The folder in the zip holding this person's images. */
  folder: string;
}

export interface ManifestImage {
  /** `<folder>/<file>` inside the zip (after any common top folder). */
  path: string;
  /** The person's name, as in `identities`. */
  identity: string;
  /** SHA-256 of the image file's bytes, lowercase hex. */
  sha256: string;
  split: SplitPart;
  /** Images of one webcam burst share a group. */
  captureGroup?: string;
}

export interface DatasetManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  appVersion: string;
  /** ISO 8601. */
  createdAt: string;
  identities: ManifestIdentity[];
  images: ManifestImage[];
}

const SPLITS: readonly string[] = ['train', 'val', 'test'] satisfies SplitPart[];

function invalid(detail: string): AppError {
  return new AppError('invalid-manifest', `The dataset's manifest.json is not valid: ${detail}.`);
}

const { text, list, checkVersion } = jsonFields(invalid);

/** One path segment that stays inside its folder and that the reader will not skip. */
function isPlainFolder(folder: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[/\\\u0000-\u001f\u007f]/.test(folder) && !folder.startsWith('.');
}

const MANIFEST_SPEC: FormatSpec = {
  format: MANIFEST_FORMAT,
  version: MANIFEST_VERSION,
  notThisFormat: 'it is not a Face Studio dataset manifest',
  tooNewCode: 'manifest-too-new',
  tooNew: (version, by) =>
    `This dataset was exported by a newer Face Studio${by} in dataset format version ${version}; this Face Studio reads version ${MANIFEST_VERSION}. Update Face Studio to import it.`,
};

function readIdentities(value: unknown): ManifestIdentity[] {
  const names = new Set<string>();
  const folders = new Set<string>();
  return list(value, '"identities"').map((item, i) => {
    const where = `identities[${i}]`;
    if (!isRecord(item)) throw invalid(`${where} must be an object`);
    const name = text(item.name, `${where}.name`);
    const folder = text(item.folder, `${where}.folder`);
    if (!isPlainFolder(folder))
      throw invalid(`${where}.folder "${folder}" is not a plain folder name`);
    if (names.has(name)) throw invalid(`the person "${name}" is listed twice`);
    if (folders.has(folder)) throw invalid(`the folder "${folder}" is listed twice`);
    names.add(name);
    folders.add(folder);
    return { name, folder };
  });
}

function readImages(value: unknown, identities: readonly ManifestIdentity[]): ManifestImage[] {
  const folderOf = new Map(identities.map((identity) => [identity.name, identity.folder]));
  const paths = new Set<string>();
  return list(value, '"images"').map((item, i) => {
    const where = `images[${i}]`;
    if (!isRecord(item)) throw invalid(`${where} must be an object`);
    const path = text(item.path, `${where}.path`);
    const identity = text(item.identity, `${where}.identity`);
    const folder = folderOf.get(identity);
    if (folder === undefined)
      throw invalid(`${where}.identity "${identity}" is not in "identities"`);
    const fileName = path.slice(folder.length + 1);
    if (!path.startsWith(`${folder}/`) || fileName.length === 0 || !isPlainFolder(fileName)) {
      throw invalid(`${where}.path "${path}" is not a file in ${identity}'s folder "${folder}"`);
    }
    if (paths.has(path)) throw invalid(`the image "${path}" is listed twice`);
    paths.add(path);
    const sha256 = item.sha256;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw invalid(`${where}.sha256 must be 64 lowercase hexadecimal digits`);
    }
    const split = item.split;
    if (typeof split !== 'string' || !SPLITS.includes(split)) {
      throw invalid(`${where}.split must be "train", "val" or "test"`);
    }
    const image: ManifestImage = { path, identity, sha256, split: split as SplitPart };
    if (item.captureGroup !== undefined)
      image.captureGroup = text(item.captureGroup, `${where}.captureGroup`);
    return image;
  });
}

/** The typed manifest, or an AppError ('invalid-manifest', 'manifest-too-new') saying what is wrong. */
export function validateManifest(value: unknown): DatasetManifest {
  if (!isRecord(value)) throw invalid('it must hold a JSON object');
  checkVersion(value, MANIFEST_SPEC);
  const identities = readIdentities(value.identities);
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    appVersion: text(value.appVersion, '"appVersion"'),
    createdAt: text(value.createdAt, '"createdAt"'),
    identities,
    images: readImages(value.images, identities),
  };
}

/** Parses manifest.json's bytes (UTF-8) and validates them. */
export function parseManifest(bytes: Uint8Array): DatasetManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw invalid(
      `it is not readable JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return validateManifest(value);
}
