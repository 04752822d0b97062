import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash';

describe('contentHash', () => {
  it('is the SHA-256 of the bytes, in hex', async () => {
    // Known answer: SHA-256("abc").
    expect(await contentHash(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('depends only on content: equal bytes, equal hash; one changed byte, another hash', async () => {
    const a = new Uint8Array([1, 2, 3, 4]);
    expect(await contentHash(a)).toBe(await contentHash(new Uint8Array([1, 2, 3, 4]).buffer));
    expect(await contentHash(a)).not.toBe(await contentHash(new Uint8Array([1, 2, 3, 5])));
  });
});
