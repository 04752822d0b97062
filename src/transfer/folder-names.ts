// Safe, unique folder and file names for an exported zip. People's names are free text; on
// disk they must be one path segment that every OS accepts (no separators, no "..", no control
// characters, no Windows device names such as CON) and distinct even on case-insensitive
// file systems. Unicode stays as it is (NFC), so "José" remains "José".

// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Comfortably under the 255-byte limit of common file systems, with room for " (123)". */
const MAX_SEGMENT_BYTES = 200;
/** Names the reader gives a meaning of its own at the top of the zip. */
const RESERVED_AT_ROOT = ['manifest.json', '__macosx'];

/** Cuts at a whole character (code point) so that no half of a surrogate pair is left. */
function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  let out = '';
  let bytes = 0;
  for (const char of text) {
    bytes += encoder.encode(char).length;
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

/** One path segment every OS accepts; `fallback` when nothing usable is left. */
export function safeSegment(name: string, fallback: string): string {
  let clean = name.normalize('NFC').replace(FORBIDDEN, '_').trim();
  // A leading dot hides a file (and the reader skips dotfiles); ".." must not survive.
  clean = clean.replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  clean = truncateUtf8(clean, MAX_SEGMENT_BYTES);
  // Windows drops trailing dots and spaces, which would merge "Ann." with "Ann".
  clean = clean.replace(/[. ]+$/, '');
  if (clean.length === 0) return fallback;
  const stem = clean.split('.')[0] ?? clean;
  if (WINDOWS_RESERVED.test(stem.trim())) clean = `${stem}_${clean.slice(stem.length)}`;
  return clean;
}

function splitExtension(fileName: string): [stem: string, extension: string] {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
}

/** Hands out names unique within one folder, ignoring case; "a.jpg", "a (2).jpg", ... */
export class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const name of reserved) this.taken.add(name.toLowerCase());
  }

  /** `keepExtension` puts the counter before the extension, as for file names. */
  claim(name: string, keepExtension: boolean): string {
    const [stem, extension] = keepExtension ? splitExtension(name) : [name, ''];
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++)
      candidate = `${stem} (${n})${extension}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/** Folder names for people: each distinct name gets its own folder, stable for the export. */
export class FolderNames {
  private readonly folders = new Map<string, string>();
  private readonly names = new UniqueNames(RESERVED_AT_ROOT);

  folderFor(identity: string): string {
    let folder = this.folders.get(identity);
    if (folder === undefined) {
      folder = this.names.claim(safeSegment(identity, 'person'), false);
      this.folders.set(identity, folder);
    }
    return folder;
  }

  /** Every person seen so far with their folder, in order of first appearance. */
  entries(): { name: string; folder: string }[] {
    return [...this.folders].map(([name, folder]) => ({ name, folder }));
  }
}
