// Faces on import: every image is searched for faces; one face is aligned, of several the
// largest is kept and noted, and an image with no face is skipped or kept as a centred square,
// as the user chose. Loose photos with no person chosen go to Unsorted, every face its own crop.
// The crops are looked at: the eyes of aligned crops sit on the same rows.

import { expect, test, type Page } from '@playwright/test';
import { card, dropAndWait, lfwFolder, openStudio } from './fixtures';
import { makeSyntheticPhotos } from './synthetic-photos';

test('import aligns faces, keeps the largest of several, and skips or keeps photos with no face as chosen', async ({
  page,
}) => {
  await openStudio(page);
  const photos = await makeSyntheticPhotos(page);

  const real = await dropAndWait(page, [lfwFolder('Ann_Veneman')]);
  expect(real).toMatch(/Import finished: \d+ added, 0 skipped/);
  expect(real).toMatch(/Faces: [1-9]\d* aligned/);
  expect(real).not.toContain('no face found');

  await expect(page.getByLabel('Photos with no face found')).toHaveValue('skip');
  const first = await dropAndWait(page, [photos.dir]);
  expect(first).toContain('1 added, 1 skipped');
  expect(first).toMatch(
    /Faces: 1 aligned \(1 with several faces: the largest kept\) · 1 with no face found: skipped/,
  );
  await expect(
    page.getByRole('region', { name: 'Import summary' }).locator('[data-code="no-face"]'),
  ).toContainText('landscape.jpg: no face found');
  const holiday = card(page, 'Holiday');
  await expect(holiday.locator('.face-note')).toHaveText([/\d faces/]);

  await page.getByLabel('Photos with no face found').selectOption('centre');
  const second = await dropAndWait(page, [photos.dir]);
  expect(second).toContain('1 added, 1 skipped'); // the group photo is a duplicate now
  expect(second).toContain('1 with no face found: centre square kept');
  await expect(holiday.locator('.face-note')).toHaveText([/\d faces/, 'no face']);

  // The choice is remembered across a reload.
  await page.reload();
  await expect(page.getByLabel('Photos with no face found')).toHaveValue('centre');
  await holiday.screenshot({ path: test.info().outputPath('holiday-card.png') });
});

interface StoredFace {
  identityId: string;
  sourceName: string;
  faceIndex?: number;
  faceBox?: { x: number; y: number; width: number; height: number };
  facesFound?: number;
  photoKey?: string;
  captureGroup: string;
}

/** The image records and the kept photos' sizes, read raw from the studio's database. */
function readFaces(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('face-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const images = await all<StoredFace>('images');
    const photos = await Promise.all(
      (await all<Blob>('photos')).map(async (blob) => {
        const bitmap = await createImageBitmap(blob);
        return { type: blob.type, width: bitmap.width, height: bitmap.height };
      }),
    );
    db.close();
    return { images, photos };
  });
}

test('loose photos with no person chosen go to Unsorted, every face of a group photo its own crop', async ({
  page,
}) => {
  await openStudio(page);
  const photos = await makeSyntheticPhotos(page, 'Party');
  const target = page.getByLabel('Loose photos belong to');
  await expect(target).toHaveValue('');
  await expect(target.locator('option:checked')).toHaveText('Unsorted (sort them later)');

  // The files themselves, not their folder: nothing names a person.
  const text = await dropAndWait(page, [photos.group, photos.landscape]);
  expect(text).toContain('Import finished: 2 added, 1 skipped');
  await expect(page.getByTestId('face-counts')).toContainText(
    '2 faces to Unsorted (2 from group photos)',
  );
  await expect(
    page.getByRole('region', { name: 'Import summary' }).locator('[data-code="no-face"]'),
  ).toContainText('landscape.jpg: no face found');
  await expect(
    page.getByRole('heading', { name: '0 people · 0 images · 2 unsorted' }),
  ).toBeVisible();

  const { images, photos: kept } = await readFaces(page);
  const faces = images.sort((a, b) => (a.faceIndex ?? 0) - (b.faceIndex ?? 0));
  expect(faces.map((f) => [f.identityId, f.sourceName, f.faceIndex, f.facesFound])).toEqual([
    ['unsorted', 'group.jpg', 0, 2],
    ['unsorted', 'group.jpg', 1, 2],
  ]);
  expect(new Set(faces.map((f) => f.photoKey)).size).toBe(1);
  expect(new Set(faces.map((f) => f.captureGroup)).size).toBe(1);
  // The larger face (drawn at x 260–630, 370 px) is face 0; the smaller (x 20–220) face 1.
  const [large, small] = faces.map((f) => f.faceBox);
  expect(large?.x).toBeGreaterThan(240);
  expect(small?.x).toBeLessThan(240);
  expect(large?.width ?? 0).toBeGreaterThan(small?.width ?? 0);
  // One photo kept for both faces, at its own size (640 × 400 is under the 800 px cap).
  expect(kept).toEqual([{ type: 'image/jpeg', width: 640, height: 400 }]);

  // The same photo again is a duplicate, reported once, not once per face.
  const again = await dropAndWait(page, [photos.group]);
  expect(again).toContain('0 added, 1 skipped');
  await expect(page.locator('li[data-code="duplicate-image"]')).toHaveText(
    /group\.jpg: the same image is already stored \(Unsorted \/ group\.jpg\)/,
  );
});
