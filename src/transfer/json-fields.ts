// Owns reading the fields of a JSON file the studio wrote (a dataset manifest, a project index):
// typed accessors that refuse a wrong field with the file's own message, and the format and
// version check that refuses a file from a newer Face Studio.
import { AppError, type ErrorCode } from '../lib/errors';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface FormatSpec {
  format: string;
  /** The newest version this build reads. */
  version: number;
  /** e.g. 'it is not a Face Studio project'. */
  notThisFormat: string;
  tooNewCode: ErrorCode;
  /** The refusal of a newer file, given its version and " (appVersion)" or ''. */
  tooNew(version: number, by: string): string;
}

/** Field readers that throw `invalid(detail)`, the file's own "is not valid" error. */
export function jsonFields(invalid: (detail: string) => AppError) {
  const text = (value: unknown, where: string): string => {
    if (typeof value !== 'string' || value === '')
      throw invalid(`${where} must be a non-empty string`);
    return value;
  };
  return {
    text,
    optionalText: (value: unknown, where: string): string | undefined =>
      value === undefined ? undefined : text(value, where),
    list(value: unknown, where: string): unknown[] {
      if (!Array.isArray(value)) throw invalid(`${where} must be a list`);
      return value;
    },
    /** The file's format version, refused when it is not ours or newer than `spec.version`. */
    checkVersion(value: Record<string, unknown>, spec: FormatSpec): number {
      if (value.format !== spec.format) throw invalid(spec.notThisFormat);
      const version = value.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
        throw invalid('"version" must be a whole number from 1');
      if (version > spec.version) {
        const by = typeof value.appVersion === 'string' ? ` (${value.appVersion})` : '';
        throw new AppError(spec.tooNewCode, spec.tooNew(version, by));
      }
      return version;
    },
  };
}
