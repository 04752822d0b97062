// File-name extensions for exported images: a name without an image extension would be skipped
// by any ImageFolder reader (this app's included), so the extension is taken from the bytes.

const SIGNATURES: readonly { extension: string; matches: (b: Uint8Array) => boolean }[] = [
  { extension: '.jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { extension: '.png', matches: (b) => ascii(b, 1, 3) === 'PNG' && b[0] === 0x89 },
  { extension: '.gif', matches: (b) => ascii(b, 0, 4) === 'GIF8' },
  { extension: '.webp', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { extension: '.bmp', matches: (b) => ascii(b, 0, 2) === 'BM' },
];

/** Formats that are already compressed: stored as they are, not deflated again. */
const COMPRESSED = /\.(jpe?g|jfif|png|gif|webp)$/i;

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** '.jpg', '.png', ... from the file's first bytes, or null for anything else. */
export function sniffImageExtension(bytes: Uint8Array): string | null {
  return SIGNATURES.find((signature) => signature.matches(bytes))?.extension ?? null;
}

export function isCompressedImageName(fileName: string): boolean {
  return COMPRESSED.test(fileName);
}
