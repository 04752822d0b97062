// Faces on import: every image is searched for faces; one face is aligned, of several the
// largest is kept and noted, and an image with no face is skipped or kept as a centred square,
// as the user chose. The crops are looked at: the eyes of aligned crops sit on the same rows.

import { expect, test } from '@playwright/test';
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
