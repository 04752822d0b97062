// Image file inspection before decoding: recognise the format from its first bytes, read the
// pixel size from the header, and catch empty, truncated, non-image and oversized files with a
// message a user can act on. Pure: works on bytes, so it runs in Node, a worker or the page.

import { AppError } from '../lib/errors';

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'bmp' | 'webp';

export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Larger images would need gigabytes to decode; a 64-megapixel phone photo still fits. */
export const MAX_PIXELS = 64_000_000;
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const MIN_SIDE = 24;

const MIME_BY_FORMAT: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
};

export function mimeType(format: ImageFormat): string {
  return MIME_BY_FORMAT[format];
}

const IMAGE_EXTENSIONS = /\.(jpe?g|jfif|png|gif|bmp|dib|webp)$/i;

/** A cheap first filter for folder imports; the bytes decide in the end. */
export function hasImageExtension(name: string): boolean {
  return IMAGE_EXTENSIONS.test(name);
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function u16be(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}
function u16le(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u24le(b: Uint8Array, o: number): number {
  return u16le(b, o) | ((b[o + 2] ?? 0) << 16);
}
function u32be(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) * 2 ** 24 + (u16be(b, o + 1) << 8)) | (b[o + 3] ?? 0);
}
function i32le(b: Uint8Array, o: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getInt32(o, true);
}
function u32le(b: Uint8Array, o: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(o, true);
}

/** Names what a non-image file probably is, for the skip message. */
function describeNonImage(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a zip archive';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (/^(heic|heix|mif1|hevc)/.test(brand)) return 'a HEIC photo, which browsers cannot decode';
    if (brand.startsWith('avif')) return 'an AVIF image, which is not supported yet';
    return 'a video or MP4 file';
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'a TIFF image, which browsers cannot decode';
  }
  const head = bytes.subarray(0, Math.min(bytes.length, 512));
  const printable = head.every(
    (b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 128,
  );
  if (printable) {
    return /<svg/i.test(ascii(head, 0, head.length)) ? 'an SVG drawing' : 'a text file';
  }
  return 'not a known image format';
}

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let o = 2;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) {
      o++;
      continue;
    }
    const marker = b[o + 1] ?? 0;
    if (marker === 0xff) {
      o++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      o += 2;
      continue;
    }
    const length = u16be(b, o + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isStartOfFrame) return { height: u16be(b, o + 5), width: u16be(b, o + 7) };
    if (length < 2) return null;
    o += 2 + length;
  }
  return null;
}

function tailContains(b: Uint8Array, signature: readonly number[], window: number): boolean {
  const start = Math.max(0, b.length - window);
  for (let i = b.length - signature.length; i >= start; i--) {
    if (startsWith(b, signature, i)) return true;
  }
  return false;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = u32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

function truncated(name: string): AppError {
  return new AppError(
    'truncated-image',
    `${name}: the file is cut short (truncated or only partly downloaded).`,
  );
}

/**
 * Inspects an image file's bytes. Throws an AppError naming the problem for an empty file,
 * a non-image, a truncated file, or an image too large or too small to use.
 */
export function inspectImage(bytes: Uint8Array, name: string): ImageInfo {
  if (bytes.length === 0) throw new AppError('empty-file', `${name}: the file is empty (0 bytes).`);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AppError(
      'image-too-large',
      `${name}: the file is ${(bytes.length / 2 ** 20).toFixed(0)} MB; the limit is 64 MB.`,
    );
  }
  let info: ImageInfo | null = null;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    const size = jpegSize(bytes);
    if (!size) throw truncated(name);
    if (!tailContains(bytes, [0xff, 0xd9], 64)) throw truncated(name);
    info = { format: 'jpeg', ...size };
  } else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (bytes.length < 24) throw truncated(name);
    if (!tailContains(bytes, [0x49, 0x45, 0x4e, 0x44], 32)) throw truncated(name);
    info = { format: 'png', width: u32be(bytes, 16), height: u32be(bytes, 20) };
  } else if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') {
    if (bytes.length < 10) throw truncated(name);
    info = { format: 'gif', width: u16le(bytes, 6), height: u16le(bytes, 8) };
  } else if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 26) {
    if (u32le(bytes, 2) > bytes.length) throw truncated(name);
    info = { format: 'bmp', width: Math.abs(i32le(bytes, 18)), height: Math.abs(i32le(bytes, 22)) };
  } else if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    if (u32le(bytes, 4) + 8 > bytes.length) throw truncated(name);
    const size = webpSize(bytes);
    if (!size) throw new AppError('corrupt-image', `${name}: the WebP header is damaged.`);
    info = { format: 'webp', ...size };
  }
  if (!info) {
    throw new AppError('not-an-image', `${name}: not an image (${describeNonImage(bytes)}).`);
  }
  if (info.width * info.height > MAX_PIXELS) {
    throw new AppError(
      'image-too-large',
      `${name}: ${info.width}×${info.height} pixels is too large to decode safely (limit 64 megapixels). Resize it first.`,
    );
  }
  if (info.width < MIN_SIDE || info.height < MIN_SIDE) {
    throw new AppError(
      'image-too-small',
      `${name}: ${info.width}×${info.height} pixels is too small for a face (at least ${MIN_SIDE}×${MIN_SIDE}).`,
    );
  }
  return info;
}
