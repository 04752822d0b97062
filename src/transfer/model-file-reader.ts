// Owns making sense of the files a user picks to import an embedding model: one .onnx file (with
// its metadata in the file, or a metadata.json beside it), a TF.js model (model.json with the
// weight files its manifest names, and optionally metadata.json), or the studio's TF.js zip. It
// says what is missing or wrong, in words, before anything runs or is stored. Pure: bytes in.

import { unzipSync } from 'fflate';
import { AppError } from '../lib/errors';
import type { ImportedFormat } from '../ml/imported/imported-model-spec';
import { isRecord } from './json-fields';
import { metadataHintsOfText, type MetadataHints } from './model-metadata-spec';
import { readOnnxModelInfo, type TensorInfo } from './onnx-model-info';
import { formatBytes } from './zip-limits';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export interface ModelFiles {
  format: ImportedFormat;
  /** What the model is called in lists: its file name without the extension. */
  name: string;
  /** What the runtime loads: the .onnx file, or model.json and the weight files it names. */
  files: NamedBytes[];
  hints: MetadataHints | null;
  /** ONNX only: what the graph declares (TF.js models are asked when loaded). */
  declared?: { inputs: TensorInfo[]; outputs: TensorInfo[] };
  sizeBytes: number;
}

/** Far above any face embedding network (ResNet-100 in fp32 is ~250 MB); IndexedDB keeps it. */
export const MAX_MODEL_BYTES = 400 * 1024 * 1024;

const MODEL_JSON = 'model.json';
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const stem = (path: string) => baseName(path).replace(/\.[^.]+$/, '');
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const tooLarge = (total: number, maxBytes: number) =>
  new AppError(
    'model-too-large',
    `These files hold ${formatBytes(total)}; the studio takes models up to ${formatBytes(maxBytes)}.`,
  );

/** A zip's files; what they unpack to is counted from the directory before any is inflated. */
function unzipped(zip: NamedBytes, maxBytes: number): NamedBytes[] {
  let entries: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    entries = unzipSync(zip.bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > maxBytes) throw tooLarge(unpacked, maxBytes);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('not-a-model', `${zip.name} is not a readable zip.`);
  }
  return Object.entries(entries)
    .filter(([path, bytes]) => bytes.length > 0 && !path.startsWith('__MACOSX/'))
    .map(([path, bytes]) => ({ name: baseName(path), bytes }));
}

function tfjsModel(files: NamedBytes[], name: string, hints: MetadataHints | null): ModelFiles {
  const modelJson = files.find((file) => file.name === MODEL_JSON) as NamedBytes;
  let json: unknown;
  try {
    json = JSON.parse(decode(modelJson.bytes));
  } catch {
    throw new AppError('not-a-model', 'model.json is not valid JSON.');
  }
  if (!isRecord(json) || !isRecord(json.modelTopology) || !Array.isArray(json.weightsManifest)) {
    throw new AppError(
      'not-a-model',
      'model.json is not a TF.js model: it needs "modelTopology" and "weightsManifest".',
    );
  }
  const paths = json.weightsManifest.flatMap((group: unknown) =>
    isRecord(group) && Array.isArray(group.paths) ? group.paths.map(String) : [],
  );
  const byName = new Map(files.map((file) => [file.name, file]));
  const missing = paths.filter((path) => !byName.has(baseName(path)));
  if (missing.length > 0) {
    throw new AppError(
      'not-a-model',
      `model.json names weight files that were not chosen with it: ${missing.join(', ')}. Choose model.json together with its weight files (or the zip holding them).`,
    );
  }
  const weights = paths.map((path) => byName.get(baseName(path)) as NamedBytes);
  const kept = [modelJson, ...weights];
  return {
    format: 'tfjs',
    name,
    files: kept,
    hints,
    sizeBytes: kept.reduce((sum, file) => sum + file.bytes.length, 0),
  };
}

function onnxModel(file: NamedBytes, hints: MetadataHints | null): ModelFiles {
  const info = readOnnxModelInfo(file.bytes);
  const inFile = info.metadata.face_studio_metadata;
  return {
    format: 'onnx',
    name: stem(file.name),
    files: [file],
    // A metadata.json chosen beside the file wins over what the file carries.
    hints: hints ?? (inFile === undefined ? null : metadataHintsOfText(inFile)),
    declared: { inputs: info.inputs, outputs: info.outputs },
    sizeBytes: file.bytes.length,
  };
}

/** The model in the chosen files, or an AppError saying why there is none. */
export function readModelFiles(
  chosen: readonly NamedBytes[],
  maxBytes = MAX_MODEL_BYTES,
): ModelFiles {
  const total = chosen.reduce((sum, file) => sum + file.bytes.length, 0);
  if (total > maxBytes) throw tooLarge(total, maxBytes);
  const zip = chosen.find((file) => /\.zip$/i.test(file.name));
  const files = zip
    ? unzipped(zip, maxBytes)
    : chosen.map((file) => ({ ...file, name: baseName(file.name) }));
  // metadata.json, or the studio's downloads of it (`face-studio-…-metadata.json`).
  const metadataFiles = files.filter((file) => /(^|[-.])metadata\.json$/i.test(file.name));
  if (metadataFiles.length > 1) {
    throw new AppError(
      'not-a-model',
      `Choose one metadata file with the model (got ${metadataFiles.map((f) => f.name).join(', ')}).`,
    );
  }
  const metadata = metadataFiles[0];
  const hints = metadata ? metadataHintsOfText(decode(metadata.bytes)) : null;
  const onnx = files.filter((file) => /\.onnx$/i.test(file.name));
  if (onnx.length > 1) {
    throw new AppError('not-a-model', 'Choose one .onnx file at a time.');
  }
  if (onnx[0]) return onnxModel(onnx[0], hints);
  if (files.some((file) => file.name === MODEL_JSON)) {
    return tfjsModel(files, zip ? stem(zip.name) : stem(chosen[0]?.name ?? 'model'), hints);
  }
  const names = chosen.map((file) => file.name).join(', ');
  throw new AppError(
    'not-a-model',
    `No model among ${names || 'the chosen files'}: choose a .onnx file, a TF.js model.json with its weight files, or the studio's TF.js zip.`,
  );
}
