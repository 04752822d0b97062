// Owns the Train screen's settings as text: one JSON object holding a whole training
// configuration, written for people to read and copy, and read back with every reason it
// cannot be trained (a broken JSON, a missing or unknown setting, or what validateConfig refuses).

import { DEFAULT_CONFIG, validateConfig, type TrainConfig } from '../../ml/config';

export type ParsedConfig = { ok: true; config: TrainConfig } | { ok: false; reason: string };

/** The configuration as the panel shows it: two-space indented JSON, fields in their usual order. */
export function formatConfigJson(config: TrainConfig): string {
  return JSON.stringify(config, null, 2);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Settings that only some configurations have (the imported model a run trains over). */
const OPTIONAL_KEYS: readonly string[] = ['encoderRunId'];

/** Names in `value` that `reference` lacks, and names of `reference` that `value` lacks. */
function compareKeys(value: Record<string, unknown>, reference: object, prefix = '') {
  const known = Object.keys(reference);
  return {
    unknown: Object.keys(value)
      .filter((key) => !known.includes(key) && !(prefix === '' && OPTIONAL_KEYS.includes(key)))
      .map((key) => prefix + key),
    missing: known.filter((key) => !(key in value)).map((key) => prefix + key),
  };
}

/**
 * Reads a whole training configuration from `text`. Nothing is filled in or dropped: a setting
 * that is missing or unknown (a misspelt name) is a reason, as is every value validateConfig
 * refuses, so what is applied is exactly what was written.
 */
export function parseConfigJson(text: string): ParsedConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reason: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!isPlainObject(value)) {
    return {
      ok: false,
      reason: 'Expected one JSON object of training settings ({ "backbone": …, "epochs": …, … }).',
    };
  }
  const top = compareKeys(value, DEFAULT_CONFIG);
  const augment = isPlainObject(value.augment)
    ? compareKeys(value.augment, DEFAULT_CONFIG.augment, 'augment.')
    : { unknown: [], missing: [] };
  const unknown = [...top.unknown, ...augment.unknown];
  const missing = [...top.missing, ...augment.missing];
  const reasons: string[] = [];
  if (unknown.length > 0) {
    reasons.push(
      `Unknown setting${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (known: ${Object.keys(DEFAULT_CONFIG).join(', ')}).`,
    );
  }
  if (missing.length > 0) {
    reasons.push(`Missing setting${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`);
  }
  if (reasons.length > 0) return { ok: false, reason: reasons.join(' ') };
  const config = value as unknown as TrainConfig;
  const issues = validateConfig(config);
  if (issues.length > 0) {
    return { ok: false, reason: issues.map((i) => `${i.field} ${i.reason}.`).join(' ') };
  }
  return { ok: true, config };
}
