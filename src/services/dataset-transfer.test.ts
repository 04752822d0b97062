// The dataset zip from the studio's storage and back, on fake IndexedDB: the export holds every
// stored crop under its person with the split the Dataset screen shows; reading it for import
// gives `<person>/<file>` files, leaves out crops the studio already stores, and keeps groups.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../lib/content-hash';
import { saveIdentity } from '../storage/identity-repo';
import { listImages, saveImages } from '../storage/image-repo';
import { STRANGERS_ID, UNSORTED_ID, type ImageRecord } from '../storage/records';
import { openDatasetZip } from '../transfer/dataset-zip-reader';
import { sampleImages } from '../transfer/test-utils/transfer-test-utils';
import { cropFileName, exportDatasetZip, planDatasetExport } from './dataset-export';
import { readZipForImport, restoreCaptureGroups } from './dataset-import';
import { buildImportRequest, FOLDERS_OR_UNSORTED } from './import-request';
import { zipSync } from 'fflate';

const images = sampleImages();
const people = [
  { id: 'p1', name: 'Ada Lovelace', createdAt: 1 },
  { id: 'p2', name: 'Grace', createdAt: 2 },
];

async function seed(): Promise<ImageRecord[]> {
  const records: ImageRecord[] = [];
  for (const person of people) await saveIdentity(person);
  const batch = images.slice(0, 10).map((image, i) => {
    const person = people[i % 2] as (typeof people)[number];
    const record: ImageRecord = {
      id: `img${i}`,
      identityId: person.id,
      sourceName: `${person.name}/${image.name}`,
      hash: `original-${i}`,
      width: 92,
      height: 112,
      format: 'png',
      bytes: image.bytes.length,
      addedAt: i,
      // Two images of Grace come from one webcam burst.
      captureGroup: i === 1 || i === 3 ? 'burst' : `grp${i}`,
      crop: 'aligned',
    };
    records.push(record);
    return {
      record,
      crop: new Blob([image.bytes as Uint8Array<ArrayBuffer>]),
      thumb: new Blob([new Uint8Array(1)]),
    };
  });
  await saveImages(batch);
  return records;
}

describe('dataset zip export and import', () => {
  it('names crops .jpg whatever the original was', () => {
    expect(cropFileName('people/Ada/photo.PNG')).toBe('photo.jpg');
    expect(cropFileName('a.b.webp')).toBe('a.b.jpg');
    expect(cropFileName('noext')).toBe('noext.jpg');
    expect(cropFileName('.png')).toBe('image.jpg');
  });

  it('exports every stored crop and reads it back as files for the import path', async () => {
    const records = await seed();
    const progress: number[] = [];
    const result = await exportDatasetZip({
      identities: people,
      images: records,
      appVersion: '0.0.1',
      onProgress: (p) => progress.push(p.written),
    });
    expect(result).toMatchObject({ people: 2, images: 10, missing: 0 });
    expect(progress.at(-1)).toBe(10);

    const zip = await openDatasetZip(result.blob);
    expect(zip.identities).toEqual(['Ada Lovelace', 'Grace']);
    const planned = planDatasetExport(people, records);
    const splitOf = new Map(zip.manifest?.images.map((image) => [image.sha256, image.split]));
    for (const item of planned) {
      const crop = images[Number(item.image.id.slice(3))]?.bytes as Uint8Array;
      expect(splitOf.get(await contentHash(crop))).toBe(item.split);
    }
    expect(
      zip.manifest?.images.every((image) => /^(Ada Lovelace|Grace)\/\d+\.jpg$/.test(image.path)),
    ).toBe(true);

    const fresh = await readZipForImport(result.blob, []);
    expect(fresh.fromFaceStudio).toBe(true);
    expect(fresh.alreadyStored).toBe(0);
    expect(fresh.collected.files.map((f) => f.path).sort()).toEqual(
      records.map((r) => `${r.sourceName.replace('.png', '.jpg')}`).sort(),
    );
    expect([...fresh.captureGroups.values()]).toEqual(['burst', 'burst']);

    // Into the studio it came from: every crop is already stored.
    const again = await readZipForImport(
      result.blob,
      records.map((r) => r.id),
    );
    expect(again.alreadyStored).toBe(10);
    expect(again.collected.files).toHaveLength(0);
  });

  it('leaves Unsorted images and strangers out of the ImageFolder zip and counts them', async () => {
    const records = await seed();
    const loose: ImageRecord = {
      ...(records[0] as ImageRecord),
      id: 'loose',
      identityId: UNSORTED_ID,
      sourceName: 'party.jpg',
      hash: 'party',
    };
    const stranger: ImageRecord = {
      ...loose,
      id: 'stranger',
      identityId: STRANGERS_ID,
      sourceName: 'Bob/stranger.jpg',
      hash: 'stranger',
    };
    await saveImages(
      [loose, stranger].map((record) => ({
        record,
        crop: new Blob(['c']),
        thumb: new Blob(['t']),
      })),
    );
    const result = await exportDatasetZip({
      identities: people,
      images: [...records, loose, stranger],
      appVersion: '0.0.1',
    });
    expect(result).toMatchObject({
      people: 2,
      images: 10,
      unsortedLeftOut: 1,
      strangersLeftOut: 1,
    });
    const zip = await openDatasetZip(result.blob);
    expect(zip.identities).toEqual(['Ada Lovelace', 'Grace']);
    expect(zip.manifest?.images.some((image) => /party|stranger/.test(image.path))).toBe(false);
    await expect(
      exportDatasetZip({ identities: [], images: [stranger], appVersion: '0.0.1' }),
    ).rejects.toThrow(/the 1 strangers are never a person/);

    await expect(
      exportDatasetZip({ identities: [], images: [loose], appVersion: '0.0.1' }),
    ).rejects.toThrow(/the 1 Unsorted images belong to no person/);
  });

  it('puts imported images of one burst back into one capture group', async () => {
    const stored = await listImages();
    const [a, b] = stored;
    if (!a || !b) throw new Error('seeded images missing');
    const groups = new Map([
      [a.hash, 'burst-x'],
      [b.hash, 'burst-x'],
    ]);
    expect(await restoreCaptureGroups(stored, groups)).toBe(2);
    const after = await listImages();
    expect(after.filter((image) => image.captureGroup === 'burst-x')).toHaveLength(2);
    expect(await restoreCaptureGroups(after, groups)).toBe(0);
  });
});

describe('an ImageFolder zip with a "strangers" folder', () => {
  it('files its images under Strangers, never as a person called "strangers"', async () => {
    const bytes = (i: number) => (images[i] as (typeof images)[number]).bytes;
    const zip = zipSync({
      'Ada/1.png': bytes(0),
      'strangers/a.png': bytes(1),
      'strangers/b.png': bytes(2),
    });
    const plan = await readZipForImport(new Blob([zip]), []);
    expect(plan.people).toEqual(['Ada']);
    const request = buildImportRequest(plan.collected, FOLDERS_OR_UNSORTED, 'skip');
    expect(request.sources.map((s) => [s.path, s.to])).toEqual([
      ['Ada/1.png', { kind: 'person', name: 'Ada' }],
      ['strangers/a.png', { kind: 'strangers', group: null }],
      ['strangers/b.png', { kind: 'strangers', group: null }],
    ]);
  });
});
