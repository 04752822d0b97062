import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { hasImageExtension, inspectImage } from './image-format';

const SHARED = new URL('../../../shared/datasets/', import.meta.url);
const jpeg = new Uint8Array(
  readFileSync(new URL('dev-lfw10to19/images/Adrien_Brody/Adrien_Brody_0001.jpg', SHARED)),
);
const png = new Uint8Array(readFileSync(new URL('orl-att-faces/images/s1/1.png', SHARED)));

function codeOf(bytes: Uint8Array): string {
  try {
    inspectImage(bytes, 'x');
    return 'ok';
  } catch (error) {
    return (error as AppError).code;
  }
}

function gif(width: number, height: number): Uint8Array {
  const b = new Uint8Array(32);
  b.set([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]);
  b[6] = width & 0xff;
  b[7] = width >> 8;
  b[8] = height & 0xff;
  b[9] = height >> 8;
  b[31] = 0x3b;
  return b;
}

function bmp(
  width: number,
  height: number,
  declaredSize: number,
  actualSize = declaredSize,
): Uint8Array {
  const b = new Uint8Array(actualSize);
  const view = new DataView(b.buffer);
  b.set([0x42, 0x4d]);
  view.setUint32(2, declaredSize, true);
  view.setInt32(18, width, true);
  view.setInt32(22, -height, true);
  return b;
}

function pngHeader(width: number, height: number): Uint8Array {
  const b = png.slice();
  const view = new DataView(b.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return b;
}

describe('inspectImage', () => {
  it('reads format and size of real JPEG and PNG faces', () => {
    expect(inspectImage(jpeg, 'a.jpg')).toEqual({ format: 'jpeg', width: 250, height: 250 });
    expect(inspectImage(png, 'a.png')).toEqual({ format: 'png', width: 92, height: 112 });
  });

  it('reads GIF and BMP headers (BMP may be stored top-down)', () => {
    expect(inspectImage(gif(300, 200), 'a.gif')).toEqual({
      format: 'gif',
      width: 300,
      height: 200,
    });
    expect(inspectImage(bmp(64, 48, 200), 'a.bmp')).toEqual({
      format: 'bmp',
      width: 64,
      height: 48,
    });
  });

  it('names an empty file', () => {
    expect(() => inspectImage(new Uint8Array(0), 'empty.jpg')).toThrow(
      /empty\.jpg: the file is empty/,
    );
  });

  it('names non-images by what they are', () => {
    const text = new TextEncoder().encode('hello, this is not a face\n');
    expect(() => inspectImage(text, 'notes.jpg')).toThrow(
      /notes\.jpg: not an image \(a text file\)/,
    );
    const pdf = new TextEncoder().encode('%PDF-1.7 ...');
    expect(() => inspectImage(pdf, 'scan.png')).toThrow(/a PDF document/);
    expect(codeOf(new Uint8Array([0, 1, 2, 3, 250, 251, 0, 0]))).toBe('not-an-image');
  });

  it('catches truncated JPEG, PNG and BMP files', () => {
    expect(codeOf(jpeg.slice(0, Math.floor(jpeg.length * 0.6)))).toBe('truncated-image');
    expect(codeOf(jpeg.slice(0, 40))).toBe('truncated-image');
    expect(codeOf(png.slice(0, png.length - 20))).toBe('truncated-image');
    expect(codeOf(bmp(64, 48, 4000, 300))).toBe('truncated-image');
  });

  it('refuses images too large to decode safely, and too small to hold a face', () => {
    expect(() => inspectImage(pngHeader(10000, 10000), 'huge.png')).toThrow(
      /10000×10000 pixels is too large/,
    );
    expect(codeOf(pngHeader(8000, 8000))).toBe('ok');
    expect(codeOf(gif(16, 16))).toBe('image-too-small');
  });

  it('filters by extension for folder imports', () => {
    expect(hasImageExtension('a/b/Photo.JPG')).toBe(true);
    expect(hasImageExtension('x.webp')).toBe(true);
    expect(hasImageExtension('readme.txt')).toBe(false);
  });
});
