// Owns reading a model's metadata.json (the studio's format, also written by trainer/) into the
// settings the import form starts from: input and output names, crop side, value range, layout,
// colour order, mirror averaging. Tolerant: a field that is missing or malformed is left for the
// user to set, never guessed from elsewhere.

import type { ImportedModelSpec } from '../ml/imported/imported-model-spec';
import { isRecord } from './json-fields';
import { MODEL_METADATA_FORMAT } from './model-metadata';

/** What a metadata.json says of the settings, and what it was made by. */
export interface MetadataHints {
  spec: Partial<Omit<ImportedModelSpec, 'format'>>;
  /** The network it describes, e.g. "resnet18", when it says. */
  backbone?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const number = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The hints of a studio metadata.json, or null when the JSON is not one. */
export function metadataHints(json: unknown): MetadataHints | null {
  if (!isRecord(json) || json.format !== MODEL_METADATA_FORMAT) return null;
  const input = isRecord(json.input) ? json.input : {};
  const output = isRecord(json.output) ? json.output : {};
  const spec: MetadataHints['spec'] = {};
  const inputName = text(input.name);
  if (inputName) spec.inputName = inputName;
  const outputName = text(output.name);
  if (outputName) spec.outputName = outputName;
  const size = number(input.size);
  if (size !== undefined) spec.size = size;
  const range = input.range;
  if (Array.isArray(range) && range.length === 2) {
    const [low, high] = range.map(number);
    if (low !== undefined && high !== undefined) spec.range = [low, high];
  }
  if (input.layout === 'NHWC' || input.layout === 'NCHW') spec.layout = input.layout;
  // The studio's own metadata (format version 1) predates the field: its exports are NHWC RGB.
  else spec.layout = 'NHWC';
  if (input.channels === 'RGB' || input.channels === 'BGR') spec.channels = input.channels;
  else spec.channels = 'RGB';
  if (typeof output.flipAverage === 'boolean') spec.flipAverage = output.flipAverage;
  const hints: MetadataHints = { spec };
  const backbone = text(json.backbone);
  if (backbone) hints.backbone = backbone;
  return hints;
}

/** metadata.json's text read into hints; null when it is not JSON or not the studio's format. */
export function metadataHintsOfText(source: string): MetadataHints | null {
  try {
    return metadataHints(JSON.parse(source));
  } catch {
    return null;
  }
}
