import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { parseManifest, validateManifest, type DatasetManifest } from './dataset-manifest';

const HASH = 'a'.repeat(64);

function manifest(): DatasetManifest {
  return {
    format: 'face-studio-dataset',
    version: 1,
    appVersion: '0.1.0',
    createdAt: '2026-01-02T03:04:05.000Z',
    identities: [
      { name: 'Anna/Maria', folder: 'Anna_Maria' },
      { name: 'José', folder: 'José' },
    ],
    images: [
      {
        path: 'Anna_Maria/1.png',
        identity: 'Anna/Maria',
        sha256: HASH,
        split: 'train',
        captureGroup: 'burst-1',
      },
      { path: 'José/1.jpg', identity: 'José', sha256: HASH, split: 'test' },
    ],
  };
}

function problem(edit: (m: Record<string, unknown>) => void): AppError {
  const value = JSON.parse(JSON.stringify(manifest())) as Record<string, unknown>;
  edit(value);
  try {
    validateManifest(value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

function images(m: Record<string, unknown>): Record<string, unknown>[] {
  return m.images as Record<string, unknown>[];
}

describe('validateManifest', () => {
  it('accepts a valid manifest, keeps what it knows and drops unknown fields', () => {
    const value = { ...manifest(), comment: 'from the future, still version 1' };
    expect(validateManifest(value)).toEqual(manifest());
    expect(parseManifest(new TextEncoder().encode(JSON.stringify(manifest())))).toEqual(manifest());
  });

  it('refuses a newer version with a message that says to update', () => {
    const error = problem((m) => {
      m.version = 2;
      m.images = 'a shape this version does not know';
    });
    expect(error.code).toBe('manifest-too-new');
    expect(error.message).toMatch(
      /newer Face Studio \(0.1.0\) in dataset format version 2.*reads version 1.*Update/,
    );
  });

  it.each<[string, (m: Record<string, unknown>) => void, RegExp]>([
    ['another format', (m) => (m.format = 'coco'), /not a Face Studio dataset manifest/],
    [
      'a version that is not a whole number',
      (m) => (m.version = '1'),
      /"version" must be a whole number/,
    ],
    ['no identities list', (m) => delete m.identities, /"identities" must be a list/],
    [
      'a folder with a slash',
      (m) => ((m.identities as { folder: string }[])[0]!.folder = 'a/b'),
      /not a plain folder/,
    ],
    [
      'a folder climbing out',
      (m) => ((m.identities as { folder: string }[])[0]!.folder = '..'),
      /not a plain folder/,
    ],
    [
      'a person twice',
      (m) => ((m.identities as { name: string }[])[1]!.name = 'Anna/Maria'),
      /listed twice/,
    ],
    [
      'an unknown person',
      (m) => (images(m)[0]!.identity = 'Nobody'),
      /"Nobody" is not in "identities"/,
    ],
    [
      'a path outside the folder',
      (m) => (images(m)[0]!.path = 'José/1.png'),
      /not a file in Anna\/Maria's folder/,
    ],
    ['a path going up', (m) => (images(m)[0]!.path = 'Anna_Maria/../x.png'), /not a file/],
    ['a short hash', (m) => (images(m)[0]!.sha256 = 'abc'), /images\[0\].sha256 must be 64/],
    ['an unknown split', (m) => (images(m)[1]!.split = 'holdout'), /images\[1\].split must be/],
    [
      'an image twice',
      (m) => (images(m)[1] = { ...images(m)[0] }),
      /"Anna_Maria\/1.png" is listed twice/,
    ],
    [
      'a capture group that is not text',
      (m) => (images(m)[0]!.captureGroup = 7),
      /captureGroup must be/,
    ],
  ])('refuses %s', (_case, edit, message) => {
    const error = problem(edit);
    expect(error.code).toBe('invalid-manifest');
    expect(error.message).toMatch(message);
  });

  it('refuses JSON that is not an object, or not JSON', () => {
    expect(() => validateManifest([])).toThrow(/must hold a JSON object/);
    expect(() => parseManifest(new TextEncoder().encode('{"format":'))).toThrow(
      /not readable JSON/,
    );
  });
});
