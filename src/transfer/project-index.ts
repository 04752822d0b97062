// Owns project.json, the index of a whole-project file: its format and version, the people and
// image records (with where each image's crop, thumbnail and source photo are), the runs (with
// where each run's record, checkpoint, evaluation and an imported run's model files are) and the
// settings. Validates untrusted JSON. Version 1 files (no photos, no Unsorted images) and version
// 2 files (no imported models) are read as they are. Unsorted and Strangers images belong to no
// listed person; no listed person may take their ids.

import { AppError } from '../lib/errors';
import type { ImportedFormat } from '../ml/imported/imported-model-spec';
import { isRecord, jsonFields, type FormatSpec } from './json-fields';
import {
  STRANGERS_ID,
  UNSORTED_ID,
  type IdentityRecord,
  type ImageRecord,
} from '../storage/records';

export const PROJECT_FORMAT = 'face-studio-project';
/**
 * 1: people, images, runs. 2: also Unsorted images and source photos (`ProjectImage.photo`), and
 * strangers (images of STRANGERS_ID), which need no new field. 3: also imported models
 * (`ProjectRun.model`).
 */
export const PROJECT_VERSION = 3;
export const PROJECT_INDEX_NAME = 'project.json';
/** Written first, so that a dataset import can tell a project file at once (and a person opening the zip learns what it is). */
export const PROJECT_MARKER_NAME = 'face-studio-project.txt';
export const PROJECT_MARKER_TEXT =
  'This is a Face Studio project file. Open it in Face Studio: Export → Open project file…\n';

export interface ProjectImage {
  record: ImageRecord;
  crop: string;
  thumb?: string;
  /** The entry holding the source photo (`record.photoKey`), shared by the crops taken from it. */
  photo?: string;
}

/** An imported run's model files: each file's name as it was picked, and the entry holding it. */
export interface ProjectModel {
  format: ImportedFormat;
  files: { name: string; path: string }[];
}

export interface ProjectRun {
  id: string;
  /** Entries holding the run record, its checkpoint and its evaluation (typed JSON). */
  run: string;
  checkpoint?: string;
  evaluation?: string;
  /** An imported run's model files (version 3); every run of kind 'imported' has them. */
  model?: ProjectModel;
}

export interface ProjectSettings {
  noFacePolicy?: 'skip' | 'centre';
}

export interface ProjectIndex {
  format: typeof PROJECT_FORMAT;
  version: number;
  appVersion: string;
  createdAt: string;
  settings: ProjectSettings;
  identities: IdentityRecord[];
  images: ProjectImage[];
  runs: ProjectRun[];
}

function invalid(detail: string): AppError {
  return new AppError(
    'invalid-project',
    `The project file's ${PROJECT_INDEX_NAME} is not valid: ${detail}.`,
  );
}

const { text, optionalText, list, checkVersion } = jsonFields(invalid);

const PROJECT_SPEC: FormatSpec = {
  format: PROJECT_FORMAT,
  version: PROJECT_VERSION,
  notThisFormat: 'it is not a Face Studio project',
  tooNewCode: 'project-too-new',
  tooNew: (version, by) =>
    `This project was saved by a newer Face Studio${by} in project format version ${version}; this Face Studio reads version ${PROJECT_VERSION}. Update Face Studio to open it.`,
};

function readIdentity(item: unknown, i: number): IdentityRecord {
  if (!isRecord(item)) throw invalid(`identities[${i}] must be an object`);
  const createdAt = typeof item.createdAt === 'number' ? item.createdAt : 0;
  const id = text(item.id, `identities[${i}].id`);
  // A person with the id of Unsorted or Strangers would take those images as their own.
  if (id === UNSORTED_ID || id === STRANGERS_ID)
    throw invalid(
      `identities[${i}] has the id "${id}", which only ${id === UNSORTED_ID ? 'Unsorted' : 'Strangers'} may have`,
    );
  return {
    id,
    name: text(item.name, `identities[${i}].name`),
    createdAt,
  };
}

function readImage(item: unknown, i: number, people: ReadonlySet<string>): ProjectImage {
  const where = `images[${i}]`;
  if (!isRecord(item) || !isRecord(item.record))
    throw invalid(`${where} must be an object with a record`);
  const record = item.record;
  text(record.id, `${where}.record.id`);
  const identityId = text(record.identityId, `${where}.record.identityId`);
  if (!people.has(identityId) && identityId !== UNSORTED_ID && identityId !== STRANGERS_ID)
    throw invalid(`${where} belongs to no listed person`);
  text(record.hash, `${where}.record.hash`);
  text(record.sourceName, `${where}.record.sourceName`);
  text(record.captureGroup, `${where}.record.captureGroup`);
  const image: ProjectImage = {
    record: record as unknown as ImageRecord,
    crop: text(item.crop, `${where}.crop`),
  };
  const thumb = optionalText(item.thumb, `${where}.thumb`);
  if (thumb !== undefined) image.thumb = thumb;
  const photo = optionalText(item.photo, `${where}.photo`);
  if (photo !== undefined) {
    text(record.photoKey, `${where}.record.photoKey`);
    image.photo = photo;
  }
  return image;
}

function readModel(value: unknown, where: string): ProjectModel {
  if (!isRecord(value)) throw invalid(`${where} must be an object`);
  const format = value.format;
  if (format !== 'onnx' && format !== 'tfjs')
    throw invalid(`${where}.format must be "onnx" or "tfjs"`);
  const items = list(value.files, `${where}.files`);
  if (items.length === 0) throw invalid(`${where}.files must name at least one file`);
  const names = new Set<string>();
  const files = items.map((file, j) => {
    const at = `${where}.files[${j}]`;
    if (!isRecord(file)) throw invalid(`${at} must be an object`);
    const name = text(file.name, `${at}.name`);
    // The model's files are found by name (model.json names its weights): one file a name.
    if (names.has(name)) throw invalid(`${at}.name "${name}" is listed twice`);
    names.add(name);
    return { name, path: text(file.path, `${at}.path`) };
  });
  return { format, files };
}

function readRun(item: unknown, i: number): ProjectRun {
  const where = `runs[${i}]`;
  if (!isRecord(item)) throw invalid(`${where} must be an object`);
  const run: ProjectRun = { id: text(item.id, `${where}.id`), run: text(item.run, `${where}.run`) };
  const checkpoint = optionalText(item.checkpoint, `${where}.checkpoint`);
  const evaluation = optionalText(item.evaluation, `${where}.evaluation`);
  if (checkpoint !== undefined) run.checkpoint = checkpoint;
  if (evaluation !== undefined) run.evaluation = evaluation;
  if (item.model !== undefined) run.model = readModel(item.model, `${where}.model`);
  return run;
}

/** The typed index, or an AppError ('invalid-project', 'project-too-new') saying what is wrong. */
export function validateProjectIndex(value: unknown): ProjectIndex {
  if (!isRecord(value)) throw invalid('it must hold a JSON object');
  const version = checkVersion(value, PROJECT_SPEC);
  const identities = list(value.identities, '"identities"').map(readIdentity);
  const people = new Set(identities.map((identity) => identity.id));
  const settings: ProjectSettings = {};
  if (
    isRecord(value.settings) &&
    (value.settings.noFacePolicy === 'skip' || value.settings.noFacePolicy === 'centre')
  ) {
    settings.noFacePolicy = value.settings.noFacePolicy;
  }
  return {
    format: PROJECT_FORMAT,
    version,
    appVersion: text(value.appVersion, '"appVersion"'),
    createdAt: text(value.createdAt, '"createdAt"'),
    settings,
    identities,
    images: list(value.images, '"images"').map((item, i) => readImage(item, i, people)),
    runs: list(value.runs, '"runs"').map(readRun),
  };
}

/** Every entry the index refers to (images' crops, thumbnails and photos, runs' files, models' files). */
export function indexedEntries(index: ProjectIndex): string[] {
  const names: string[] = [];
  for (const image of index.images)
    names.push(
      image.crop,
      ...(image.thumb ? [image.thumb] : []),
      ...(image.photo ? [image.photo] : []),
    );
  for (const run of index.runs)
    names.push(
      run.run,
      ...(run.checkpoint ? [run.checkpoint] : []),
      ...(run.evaluation ? [run.evaluation] : []),
      ...(run.model ? run.model.files.map((file) => file.path) : []),
    );
  return names;
}
