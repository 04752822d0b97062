import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../lib/content-hash';
import { AppError } from '../lib/errors';
import { openDatasetZip } from './dataset-zip-reader';
import {
  writeDatasetZip,
  type DatasetZipWriteEntry,
  type ZipWriteProgress,
} from './dataset-zip-writer';
import {
  INFOZIP_PIPED,
  INFOZIP_ZIP64,
  OTHER_TOOL_IMAGE_HASHES,
  PYTHON_ZIPFILE_NO_TOP_FOLDER,
} from './test-utils/other-tool-zips.fixture';
import { collect, concat, readAll, sampleImages } from './test-utils/transfer-test-utils';
import { readZipDirectory } from './zip-directory';
import { DEFAULT_ZIP_READ_LIMITS } from './zip-limits';
import { bytesSource } from './zip-source';

const images = sampleImages();
const AWKWARD = ['Anna/Maria', '..', 'CON', 'José', 'Anna:Maria', 'anna_maria', '.hidden', 'Ann.'];

function entriesFor(names: readonly string[]): DatasetZipWriteEntry[] {
  return names.flatMap((identity, i) =>
    images.slice(0, 3).map((image, j) => ({
      identity,
      fileName: image.name,
      bytes: images[(i + j) % images.length]?.bytes ?? image.bytes,
    })),
  );
}

async function writeZip(
  entries: DatasetZipWriteEntry[],
  onProgress?: (p: ZipWriteProgress) => void,
) {
  const { chunks, result } = await collect(
    writeDatasetZip(entries, {
      appVersion: '0.1.0',
      total: entries.length,
      createdAt: new Date('2026-01-02T03:04:05Z'),
      onProgress,
    }),
  );
  return { bytes: concat(chunks), chunks, manifest: result };
}

async function hashesByPerson(
  list: readonly { identity: string; fileName: string; bytes: Uint8Array }[],
) {
  return Promise.all(
    list.map(async (e) => `${e.identity}|${e.fileName}|${await contentHash(e.bytes)}`),
  );
}

function base64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

describe('dataset zip round trip', () => {
  it('gives back the same people, file names and bytes, even for awkward names', async () => {
    const entries = entriesFor(AWKWARD);
    const { bytes, manifest } = await writeZip(entries);
    const zip = await openDatasetZip(bytes);
    const read = await readAll(zip);

    expect(zip.identities).toEqual(AWKWARD);
    expect(read).toHaveLength(entries.length);
    expect((await hashesByPerson(read)).sort()).toEqual((await hashesByPerson(entries)).sort());
    expect(zip.manifest).toEqual(manifest);
    expect(zip.skipped).toEqual({ systemFiles: 0, nonImages: 0, nonImageExamples: [] });
    for (const image of read)
      expect(image.manifestImage?.sha256).toBe(await contentHash(image.bytes));
  });

  it('names folders safely and uniquely, and keeps the real names in the manifest', async () => {
    const { manifest } = await writeZip(entriesFor(AWKWARD));
    expect(manifest.identities).toEqual([
      { name: 'Anna/Maria', folder: 'Anna_Maria' },
      { name: '..', folder: '__' },
      { name: 'CON', folder: 'CON_' },
      { name: 'José', folder: 'José' },
      { name: 'Anna:Maria', folder: 'Anna_Maria (2)' },
      { name: 'anna_maria', folder: 'anna_maria (3)' },
      { name: '.hidden', folder: '_hidden' },
      { name: 'Ann.', folder: 'Ann' },
    ]);
  });

  it('finds the manifest when the export was unzipped and zipped again inside a folder', async () => {
    const { bytes } = await writeZip(entriesFor(['Anna/Maria', 'CON']));
    const rezipped = zipSync(
      Object.fromEntries(
        Object.entries(unzipSync(bytes)).map(([path, data]) => [`my export/${path}`, data]),
      ),
    );
    const zip = await openDatasetZip(rezipped);
    expect(zip.topFolder).toBe('my export');
    expect(zip.identities).toEqual(['Anna/Maria', 'CON']);
    expect((await readAll(zip)).every((image) => image.manifestImage !== undefined)).toBe(true);
  });

  it('stores images as they are (no recompression) and deflates only the manifest', async () => {
    const entries = entriesFor(['Ada']);
    const { bytes } = await writeZip(entries);
    const { entries: listed } = await readZipDirectory(bytesSource(bytes), DEFAULT_ZIP_READ_LIMITS);
    expect(listed.map((e) => [e.name, e.method])).toEqual([
      ['Ada/1.png', 0],
      ['Ada/2.png', 0],
      ['Ada/3.png', 0],
      ['manifest.json', 8],
    ]);
    expect(listed[0]?.compressedSize).toBe(entries[0]?.bytes.length);
  });

  it('streams: chunks come out before the last image goes in, with progress per image', async () => {
    const entries = entriesFor(['Ada', 'Grace']);
    const events: string[] = [];
    async function* source() {
      for (const entry of entries) {
        events.push(`in ${entry.identity}/${entry.fileName}`);
        yield entry;
      }
    }
    const progress: ZipWriteProgress[] = [];
    const writer = writeDatasetZip(source(), {
      appVersion: '0.1.0',
      total: entries.length,
      onProgress: (p) => progress.push(p),
    });
    for await (const chunk of writer) events.push(`out ${chunk.length}`);
    expect(events.findIndex((e) => e.startsWith('out'))).toBeLessThan(
      events.indexOf('in Grace/3.png'),
    );
    expect(progress.map((p) => `${p.written}/${p.total}`)).toEqual([
      '1/6',
      '2/6',
      '3/6',
      '4/6',
      '5/6',
      '6/6',
    ]);
  });

  it('makes file names unique per folder and gives extension-less files one from their bytes', async () => {
    const png = images[0]?.bytes ?? new Uint8Array();
    const { manifest } = await writeZip([
      { identity: 'Ada', fileName: 'face.png', bytes: png },
      { identity: 'Ada', fileName: 'FACE.png', bytes: png },
      { identity: 'Ada', fileName: 'holiday/../face', bytes: png },
      { identity: 'Ada', fileName: 'con.png', bytes: png },
    ]);
    expect(manifest.images.map((i) => i.path)).toEqual([
      'Ada/face.png',
      'Ada/FACE (2).png',
      'Ada/holiday_.._face.png',
      'Ada/con_.png',
    ]);
  });

  it('refuses to export a file that is not an image, naming it', async () => {
    const text = new TextEncoder().encode('not a picture');
    await expect(writeZip([{ identity: 'Ada', fileName: 'notes', bytes: text }])).rejects.toEqual(
      new AppError('not-an-image', 'notes (Ada) is not a JPEG, PNG, WebP, GIF or BMP image.'),
    );
  });

  it('stops writing and reading when cancelled', async () => {
    const entries = entriesFor(['Ada']);
    const { bytes } = await writeZip(entries);
    const controller = new AbortController();
    const writer = writeDatasetZip(entries, {
      appVersion: '0.1.0',
      total: 3,
      signal: controller.signal,
    });
    await writer.next();
    controller.abort();
    await expect(collect(writer)).rejects.toThrow(/abort/i);

    const zip = await openDatasetZip(bytes);
    const reader = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const image of zip.images({ signal: reader.signal })) {
        seen.push(image.path);
        reader.abort();
      }
    })();
    await expect(reading).rejects.toThrow(/abort/i);
    expect(seen).toEqual(['Ada/1.png']);
  });

  it('records the split given, or splits each person 7:2:1 keeping capture groups together', async () => {
    const ten = images.slice(0, 10).map((image, i) => ({
      identity: 'Ada',
      fileName: image.name,
      bytes: image.bytes,
      captureGroup: i < 4 ? 'burst-1' : `single-${i}`,
    }));
    const { manifest } = await writeZip([
      ...ten,
      {
        identity: 'Grace',
        fileName: 'g.png',
        bytes: images[0]?.bytes ?? new Uint8Array(),
        split: 'test',
      },
    ]);
    const ada = manifest.images.filter((i) => i.identity === 'Ada');
    const parts = ada.map((i) => i.split);
    expect(parts.filter((p) => p !== 'train').length).toBeGreaterThanOrEqual(4);
    expect(new Set(ada.filter((i) => i.captureGroup === 'burst-1').map((i) => i.split)).size).toBe(
      1,
    );
    expect(manifest.images.find((i) => i.identity === 'Grace')?.split).toBe('test');
  });

  it('reads the same from bytes, a Blob, a ReadableStream and an async iterable of chunks', async () => {
    const { bytes } = await writeZip(entriesFor(['Ada', 'José']));
    const expected = await hashesByPerson(await readAll(await openDatasetZip(bytes)));
    const pieces = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, i) =>
      bytes.slice(i * 997, (i + 1) * 997),
    );
    async function* chunks() {
      yield* pieces;
    }
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    });
    for (const input of [
      new Blob([bytes as Uint8Array<ArrayBuffer>]),
      stream,
      chunks(),
      bytes.slice().buffer,
    ]) {
      expect(await hashesByPerson(await readAll(await openDatasetZip(input)))).toEqual(expected);
    }
  });

  it('reads a plain ImageFolder zip made elsewhere: top folder, deflated images, junk, no manifest', async () => {
    const [a, b, c] = images;
    const bytes = zipSync({
      'lfw/Ada/1.png': a?.bytes ?? new Uint8Array(),
      'lfw/Ada/2.PNG': b?.bytes ?? new Uint8Array(),
      'lfw/Grace Hopper/x.jpg': c?.bytes ?? new Uint8Array(),
      'lfw/README.txt': new TextEncoder().encode('a dataset'),
      'lfw/.DS_Store': new Uint8Array(8),
      '__MACOSX/lfw/Ada/._1.png': new Uint8Array(8),
    });
    const zip = await openDatasetZip(bytes);
    const read = await readAll(zip);
    expect(zip.manifest).toBeUndefined();
    expect(zip.topFolder).toBe('lfw');
    expect(zip.identities).toEqual(['Ada', 'Grace Hopper']);
    expect(read.map((i) => i.path)).toEqual(['Ada/1.png', 'Ada/2.PNG', 'Grace Hopper/x.jpg']);
    expect(await contentHash(read[2]?.bytes ?? new Uint8Array())).toBe(
      await contentHash(c?.bytes ?? new Uint8Array()),
    );
    expect(zip.skipped).toEqual({
      systemFiles: 2,
      nonImages: 1,
      nonImageExamples: ['lfw/README.txt'],
    });
  });

  it('reads names written in code page 437 by old Windows tools', async () => {
    const zip = zipSync({ 'Renx/1.png': images[0]?.bytes ?? new Uint8Array() });
    // Both headers' "x" becomes 0x82, "é" in CP437; fflate set no UTF-8 flag for this ASCII name.
    for (let at = zip.indexOf(0x78); at !== -1; at = zip.indexOf(0x78, at + 1)) {
      if (zip[at - 1] === 0x6e && zip[at + 1] === 0x2f) zip[at] = 0x82;
    }
    expect((await openDatasetZip(zip)).identities).toEqual(['René']);
  });

  it.each([
    ['Info-ZIP with ZIP64 records and __MACOSX', INFOZIP_ZIP64, 4],
    ['Info-ZIP writing to a pipe (data descriptors)', INFOZIP_PIPED, 4],
    ["Python's zipfile, forced ZIP64, no top folder", PYTHON_ZIPFILE_NO_TOP_FOLDER, 3],
  ])('reads a zip from %s', async (_tool, encoded, count) => {
    const zip = await openDatasetZip(base64(encoded));
    const read = await readAll(zip);
    expect(read).toHaveLength(count);
    for (const image of read) {
      expect(await contentHash(image.bytes)).toBe(OTHER_TOOL_IMAGE_HASHES[image.path]);
      expect(image.identity).toBe(image.folder);
    }
    expect(zip.identities).toContain('José');
  });
});
