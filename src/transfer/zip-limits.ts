// The limits that keep an untrusted zip from exhausting memory or time: how many entries, how
// large one image and the whole dataset may unpack to, and how far one entry may expand.

import { MAX_FILE_BYTES } from '../vision/image-format';

export interface ZipReadLimits {
  /** Entries of any kind in the zip's directory; a face dataset has thousands, not millions. */
  maxEntries: number;
  /** Unpacked bytes of everything the reader unpacks (images and manifest), declared and actual. */
  maxTotalBytes: number;
  /** Unpacked bytes of one image; larger images are refused by the importer anyway. */
  maxEntryBytes: number;
  /** Unpacked bytes of manifest.json. */
  maxManifestBytes: number;
  /** Unpacked : packed bytes of one entry. Images barely compress; zeros compress ~1000:1. */
  maxRatio: number;
  /** The ratio is only judged once an entry has unpacked this much (a blank BMP may be 300:1). */
  ratioGraceBytes: number;
}

export const DEFAULT_ZIP_READ_LIMITS: Readonly<ZipReadLimits> = {
  maxEntries: 100_000,
  maxTotalBytes: 4 * 2 ** 30,
  maxEntryBytes: MAX_FILE_BYTES,
  maxManifestBytes: 64 * 2 ** 20,
  maxRatio: 200,
  ratioGraceBytes: 2 ** 20,
};

export function withDefaultLimits(limits: Partial<ZipReadLimits> = {}): ZipReadLimits {
  return { ...DEFAULT_ZIP_READ_LIMITS, ...limits };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
