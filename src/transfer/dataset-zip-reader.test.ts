import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openDatasetZip } from './dataset-zip-reader';
import { writeDatasetZip } from './dataset-zip-writer';
import {
  collect,
  concat,
  countingBlob,
  expectAppError,
  patchEntry,
  patchEntryCount,
  readAll,
  sampleImages,
} from './test-utils/transfer-test-utils';

const images = sampleImages();
const face = images[0]?.bytes ?? new Uint8Array();

/** A good ImageFolder zip (deflated, as most tools write) plus `extra` entries. */
function datasetZip(extra: Zippable = {}): Uint8Array {
  return zipSync({
    'Ada/1.png': face,
    'Ada/2.png': images[1]?.bytes ?? face,
    'Grace/1.png': face,
    ...extra,
  });
}

async function exported(
  manifestEdit?: (manifest: Record<string, unknown>) => void,
): Promise<Uint8Array> {
  const entries = [{ identity: 'Ada', fileName: '1.png', bytes: face }];
  const { chunks, result } = await collect(
    writeDatasetZip(entries, { appVersion: '0.1.0', total: 1 }),
  );
  if (!manifestEdit) return concat(chunks);
  const manifest = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
  manifestEdit(manifest);
  return zipSync({
    'Ada/1.png': face,
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)),
  });
}

describe('openDatasetZip refuses what is not a usable zip, before yielding anything', () => {
  it('refuses a file that is not a zip, or is empty', async () => {
    await expectAppError(openDatasetZip(face), 'not-a-zip', /not a zip/);
    await expectAppError(
      openDatasetZip(new TextEncoder().encode('name,label\nada,1\n')),
      'not-a-zip',
    );
    await expectAppError(openDatasetZip(new Uint8Array(0)), 'not-a-zip', /empty/);
  });

  it('says a zip cut short is incomplete, wherever it was cut', async () => {
    const zip = datasetZip();
    for (const length of [Math.floor(zip.length / 2), zip.length - 10, 100]) {
      await expectAppError(openDatasetZip(zip.subarray(0, length)), 'truncated-zip', /cut short/);
    }
  });

  it.each([
    ['../evil.jpg', /climbs out/],
    ['Ada/../../evil.jpg', /climbs out/],
    ['Ada\\..\\..\\evil.jpg', /climbs out/],
    ['/etc/evil.jpg', /absolute/],
    ['C:/Windows/evil.jpg', /drive letter/],
    ['Ada/evil\u0000.jpg', /control characters/],
  ])('refuses the entry name %s', async (name, why) => {
    const error = await expectAppError(
      openDatasetZip(datasetZip({ [name]: face })),
      'unsafe-zip-path',
      why,
    );
    expect(error.message).toContain('was not read');
  });

  it('refuses more entries than plausible, judging the declared count before the directory', async () => {
    const zip = datasetZip({ 'Ada/3.png': face, 'Ada/4.png': face });
    await expectAppError(
      openDatasetZip(zip, { limits: { maxEntries: 4 } }),
      'zip-too-many-entries',
      /at most 4/,
    );
    // The directory really lists 5: refusing with the count (not "damaged") shows it was not parsed.
    const claimsMany = patchEntryCount(zip, 65_000);
    await expectAppError(
      openDatasetZip(claimsMany, { limits: { maxEntries: 1000 } }),
      'zip-too-many-entries',
      /65,000/,
    );
  });

  it('refuses a zip with no images, saying it may come from another tool', async () => {
    const zip = zipSync({
      'data/labels.csv': new Uint8Array(10),
      'data/model.bin': new Uint8Array(10),
    });
    await expectAppError(openDatasetZip(zip), 'zip-no-images', /another tool.*<person>\/<image>/s);
  });

  it('refuses images at the top level, saying which layout is expected', async () => {
    const zip = zipSync({ 'photo.jpg': face, 'Ada/1.png': face });
    await expectAppError(
      openDatasetZip(zip),
      'zip-bad-layout',
      /"photo.jpg" is not in a person's folder.*<person>\/<image>/,
    );
    const inTopFolder = zipSync({ 'faces/photo.jpg': face, 'faces/Ada/1.png': face });
    await expectAppError(openDatasetZip(inTopFolder), 'zip-bad-layout', /faces\/Ada\/1.png/);
  });

  it('refuses images nested deeper than <person>/<image>', async () => {
    const zip = zipSync({ 'train/Ada/1.png': face, 'val/Ada/2.png': face });
    await expectAppError(openDatasetZip(zip), 'zip-bad-layout', /nested 2 folders deep/);
  });

  it('refuses encrypted entries and compression methods it cannot unpack', async () => {
    await expectAppError(
      openDatasetZip(patchEntry(datasetZip(), 'Ada/1.png', { method: 14 })),
      'unsupported-zip',
      /method 14/,
    );
    await expectAppError(
      openDatasetZip(patchEntry(datasetZip(), 'Ada/1.png', { flags: 1 })),
      'unsupported-zip',
      /encrypted/,
    );
  });

  it('refuses a declared unpacked total beyond the limit', async () => {
    const zip = datasetZip();
    await expectAppError(
      openDatasetZip(zip, { limits: { maxTotalBytes: 10_000 } }),
      'zip-too-large',
      /at most 9.8 KB/,
    );
    const huge = patchEntry(zip, 'Ada/1.png', { uncompressedSize: 0xfffffff0 });
    await expectAppError(
      openDatasetZip(huge),
      'zip-too-large',
      /Ada\/1.png would unpack to 4.0 GB/,
    );
  });

  it('refuses a newer manifest with a message that says so, and an invalid one', async () => {
    const newer = await exported((m) => {
      m.version = 2;
      m.appVersion = '3.0.0';
    });
    await expectAppError(
      openDatasetZip(newer),
      'manifest-too-new',
      /newer Face Studio \(3.0.0\).*version 2.*Update/,
    );
    const broken = zipSync({
      'Ada/1.png': face,
      'manifest.json': new TextEncoder().encode('{"format": '),
    });
    await expectAppError(openDatasetZip(broken), 'invalid-manifest', /not readable JSON/);
  });
});

describe('zip bombs', () => {
  const zeros = new Uint8Array(8 * 2 ** 20);

  it('refuses an entry that declares a ratio beyond 200:1 when opening, before unpacking', async () => {
    const bomb = zipSync({ 'Ada/1.png': face, 'Ada/bomb.bmp': [zeros, { level: 9 }] });
    await expectAppError(
      openDatasetZip(bomb),
      'zip-bomb',
      /Ada\/bomb.bmp declares .* packed into 8.0 MB/,
    );
  });

  it('stops inflating as soon as an entry that lies about its size expands too far', async () => {
    // 32 MB of zeros packs into ~32 KB; the headers claim 3 000 bytes, a plausible small image.
    const honest = zipSync({
      'Ada/1.png': face,
      'Ada/bomb.bmp': [new Uint8Array(32 * 2 ** 20), { level: 9 }],
    });
    const lying = patchEntry(honest, 'Ada/bomb.bmp', { uncompressedSize: 3000 });
    const cases = [
      { limits: {}, message: /Ada\/bomb.bmp expands more than 200-fold/ },
      {
        limits: { maxRatio: Infinity, maxTotalBytes: 2 ** 20 },
        message: /more than 1.0 MB in all/,
      },
    ];
    for (const { limits, message } of cases) {
      const { blob, bytesRead } = countingBlob(lying);
      const zip = await openDatasetZip(blob, { limits });
      const readWhenOpened = bytesRead();
      const seen: string[] = [];
      const reading = (async () => {
        for await (const image of zip.images()) seen.push(image.path);
      })();
      await expectAppError(reading, 'zip-bomb', message);
      expect(seen).toEqual(['Ada/1.png']);
      // It stopped within the first 16 KB read window of the bomb's ~32 KB.
      expect(bytesRead() - readWhenOpened).toBeLessThan(face.length + 17 * 1024);
      expect(bytesRead() - readWhenOpened).toBeLessThan(lying.length - face.length - 8 * 1024);
    }
  });

  it('accepts a declared total at the limit and refuses one byte more', async () => {
    const zip = datasetZip();
    const declared = face.length * 2 + (images[1]?.bytes.length ?? 0);
    const opened = await openDatasetZip(zip, { limits: { maxTotalBytes: declared } });
    expect((await readAll(opened)).length).toBe(3);
    await expectAppError(
      openDatasetZip(zip, { limits: { maxTotalBytes: declared - 1 } }),
      'zip-too-large',
    );
  });
});

describe('damage found while unpacking', () => {
  it('reports a changed byte as a failed checksum after yielding the intact images', async () => {
    const zip = zipSync({ 'Ada/1.png': [face, { level: 0 }], 'Ada/2.png': [face, { level: 0 }] });
    const damaged = zip.slice();
    // fflate writes no extra field: the data follows the name in the local header.
    const secondData = Buffer.from(damaged).indexOf('Ada/2.png') + 'Ada/2.png'.length;
    damaged[secondData + 100] = (damaged[secondData + 100] ?? 0) ^ 0xff;
    const opened = await openDatasetZip(damaged);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const image of opened.images()) seen.push(image.path);
    })();
    await expectAppError(reading, 'corrupt-zip', /Ada\/2.png fails its checksum/);
    expect(seen).toEqual(['Ada/1.png']);
  });

  it('reports a truncated stream input by its size limit without holding more', async () => {
    async function* endless() {
      for (;;) yield new Uint8Array(64 * 1024);
    }
    await expectAppError(
      openDatasetZip(endless(), { limits: { maxTotalBytes: 2 ** 20 } }),
      'zip-too-large',
      /larger than 1.0 MB/,
    );
  });
});
