// Strangers in the real UI: with the sample faces loaded, "Add sample strangers" fills the
// Strangers section (80 faces, none of them a person); a folder dropped onto it and a photo
// picked with its button add their faces there too; a stranger moved to a person (by Move to) and a person's image dragged onto
// Strangers are undone; the counts survive a reload; the dataset zip leaves strangers out and
// the Export screen says so.

import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { dropPaths } from '../scripts/drop-paths.mjs';
import { card, lfwFolder, openStudio, tempDir } from './fixtures';

const strangersRegion = (page: Page) => page.getByRole('region', { name: 'Strangers' });
const strangersCount = (page: Page) => page.getByTestId('strangers-count');
const thumbs = (page: Page, name: string) =>
  page.getByRole('listbox', { name }).getByRole('option');

test('add sample strangers, move one to a person and back, reload, export without them', async ({
  page,
}) => {
  await openStudio(page);
  const summary = page.getByRole('region', { name: 'Import summary' });
  await page.getByRole('button', { name: 'Load sample faces' }).click();
  await expect(summary).toContainText('80 added', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Close summary' }).click();

  const strangers = strangersRegion(page);
  await expect(strangers).toContainText('never trained on');
  await expect(strangersCount(page)).toHaveText('0 faces');
  await strangers.getByRole('button', { name: 'Add sample strangers' }).click();
  await expect(summary).toContainText('80 added, 0 skipped', { timeout: 90_000 });
  await expect(summary.getByTestId('face-counts')).toContainText('80 faces to Strangers');
  await expect(summary).not.toContainText('new people');
  await page.getByRole('button', { name: 'Close summary' }).click();
  await expect(strangersCount(page)).toHaveText('80 faces');
  // Eight strangers, a folder each: whole strangers in val or in test (2:1 by strangers).
  await expect(strangers.getByLabel('Split of the strangers')).toHaveText(/^val 50\s*test 30$/);
  // Strangers are no people: eight people and their 80 images, the strangers counted apart.
  await expect(
    page.getByRole('heading', { name: '8 people · 80 images · 80 strangers' }),
  ).toBeVisible();
  await expect(card(page, 'Stranger 01')).toHaveCount(0);

  // A folder dropped onto the Strangers section goes there, not to a person named after it.
  await strangers.getByRole('heading', { name: 'Strangers' }).scrollIntoViewIfNeeded();
  await dropPaths(page, strangers.getByRole('heading', { name: 'Strangers' }), [
    lfwFolder('Adrien_Brody'),
  ]);
  await expect(summary).toContainText('12 added', { timeout: 90_000 });
  await expect(summary.getByTestId('face-counts')).toContainText('12 faces to Strangers');
  await page.getByRole('button', { name: 'Close summary' }).click();
  await expect(strangersCount(page)).toHaveText('92 faces');
  await expect(card(page, 'Adrien_Brody')).toHaveCount(0);

  // A photo picked with "Add strangers’ photos…" goes there too.
  await strangers
    .getByTestId('strangers-file-input')
    .setInputFiles(join(lfwFolder('Andy_Roddick'), 'Andy_Roddick_0001.jpg'));
  await expect(summary).toContainText('1 added', { timeout: 60_000 });
  await expect(summary.getByTestId('face-counts')).toContainText('1 face to Strangers');
  await page.getByRole('button', { name: 'Close summary' }).click();
  await expect(strangersCount(page)).toHaveText('93 faces');

  // One stranger to Person 01 with Move to, then undone.
  const person01 = card(page, 'Person 01');
  await expect(person01.getByText('10 images')).toBeVisible();
  const first = thumbs(page, "Strangers' faces").first();
  const movedId = await first.getAttribute('data-image-id');
  await first.click();
  await expect(page.getByText('1 image selected')).toBeVisible();
  await page.getByLabel('Move the selected images to').selectOption({ label: 'Person 01' });
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.getByText('Moved 1 image to Person 01.')).toBeVisible();
  await expect(person01.getByText('11 images')).toBeVisible();
  await expect(strangersCount(page)).toHaveText('92 faces');
  await expect(person01.locator(`[data-image-id="${movedId}"]`)).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo image change' }).click();
  await expect(person01.getByText('10 images')).toBeVisible();
  await expect(strangersCount(page)).toHaveText('93 faces');
  await expect(strangers.locator(`[data-image-id="${movedId}"]`)).toHaveCount(1);

  // One of Person 08's images (the card next to Strangers) dragged onto Strangers, then undone
  // by keyboard.
  const person08 = card(page, 'Person 08');
  await thumbs(page, 'Images of Person 08')
    .first()
    .dragTo(strangers.getByRole('heading', { name: 'Strangers' }));
  await expect(page.getByText('Moved 1 image to Strangers.')).toBeVisible();
  await expect(person08.getByText('9 images')).toBeVisible();
  await expect(strangersCount(page)).toHaveText('94 faces');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(person08.getByText('10 images')).toBeVisible();
  await expect(strangersCount(page)).toHaveText('93 faces');

  const axe = await new AxeBuilder({ page }).include('.strangers-tray').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);

  // A reload reads the strangers back as strangers, and the people as they were.
  await page.reload();
  await expect(
    page.getByRole('heading', { name: '8 people · 80 images · 93 strangers' }),
  ).toBeVisible();
  await expect(strangersCount(page)).toHaveText('93 faces');
  await expect(card(page, 'Person 01').getByText('10 images')).toBeVisible();
  await strangersRegion(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('strangers-dataset.png') });
  await page.screenshot({ path: '/tmp/strangers-dataset.png' });

  // The dataset zip holds the eight people only, and the Export screen says why.
  await page.getByRole('tab', { name: 'Export' }).click();
  const exportSection = page.getByRole('region', { name: 'Dataset export' });
  await expect(exportSection).toContainText(
    '8 people · 80 images. 93 strangers are left out: they are never a person (the project file keeps them).',
  );
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    exportSection.getByRole('button', { name: 'Download dataset (zip)' }).click(),
  ]);
  const path = join(tempDir('strangers-export'), download.suggestedFilename());
  await download.saveAs(path);
  const entries = Object.keys(unzipSync(new Uint8Array(readFileSync(path))));
  const images = entries.filter((name) => name !== 'manifest.json');
  expect(images).toHaveLength(80);
  expect(images.every((name) => /^Person 0[1-8]\/\d\d\.jpg$/.test(name))).toBe(true);
  await expect(page.getByTestId('dataset-export-status')).toContainText(
    '93 strangers are left out',
  );
});
