// The Dataset screen as a user meets it: drop real faces, read the counts and the split,
// reload, import bad files, and edit people with undo.

import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { card, dropAndWait, lfwFolder, makeBadFiles, openStudio, tempDir } from './fixtures';

const PEOPLE = { Abdullah_Gul: 19, Adrien_Brody: 12, Andy_Roddick: 15 } as const;
const SPLITS = {
  Abdullah_Gul: [14, 3, 2],
  Adrien_Brody: [8, 2, 2],
  Andy_Roddick: [10, 3, 2],
} as const;

test('drop folders of real faces, see counts and split, and keep them after a reload', async ({
  page,
}) => {
  await openStudio(page);
  const summary = await dropAndWait(page, Object.keys(PEOPLE).map(lfwFolder));
  expect(summary).toContain('Import finished: 46 added, 0 skipped');
  await expect(page.getByRole('heading', { name: '3 people · 46 images' })).toBeVisible();

  const check = async () => {
    for (const [name, count] of Object.entries(PEOPLE)) {
      const person = card(page, name);
      await expect(person.getByText(`${count} images`)).toBeVisible();
      const [train, val, test] = SPLITS[name as keyof typeof SPLITS];
      await expect(person.getByLabel(`Split for ${name}`)).toHaveText(
        `train ${train}val ${val}test ${test}`,
      );
      await expect(person.getByText(/20 or more recognise better/)).toBeVisible();
    }
    await expect(card(page, 'Abdullah_Gul').getByRole('img')).toHaveCount(12);
  };
  await check();
  const splitBefore = await card(page, 'Adrien_Brody')
    .locator('li')
    .evaluateAll((items) => items.map((li) => `${li.getAttribute('title')}`));

  await page.reload();
  await expect(page.getByRole('heading', { name: '3 people · 46 images' })).toBeVisible();
  await check();
  const splitAfter = await card(page, 'Adrien_Brody')
    .locator('li')
    .evaluateAll((items) => items.map((li) => `${li.getAttribute('title')}`));
  expect(splitAfter).toEqual(splitBefore);
  await expect(page.getByTestId('storage-meter')).toContainText(/MB used/);
});

test('nested folders root/<person>/* name their people', async ({ page }) => {
  const root = tempDir('nested');
  for (const [person, source] of [
    ['Ada', 'Ann_Veneman'],
    ['Alan', 'Andy_Roddick'],
  ] as const) {
    mkdirSync(join(root, 'people', person), { recursive: true });
    for (const n of [1, 2, 3, 4, 5]) {
      copyFileSync(
        join(lfwFolder(source), `${source}_000${n}.jpg`),
        join(root, 'people', person, `${n}.jpg`),
      );
    }
  }
  await openStudio(page);
  const summary = await dropAndWait(page, [join(root, 'people')]);
  expect(summary).toContain('10 added, 0 skipped');
  expect(summary).toContain('new people: Ada, Alan');
  await expect(card(page, 'Ada').getByLabel('Split for Ada')).toHaveText('train 1val 2test 2');
  await expect(card(page, 'Alan').getByText('5 images')).toBeVisible();
});

test('bad files are skipped, each with its reason, and nothing good is lost', async ({ page }) => {
  const { root } = makeBadFiles();
  await openStudio(page);
  const text = await dropAndWait(page, [`${root}/Mixed Bag`, `${root}/Empty Folder`]);
  expect(text).toContain('1 added, 6 skipped');
  const skipped = page.getByRole('region', { name: 'Import summary' }).getByRole('listitem');
  await expect(skipped).toHaveCount(6);
  const expected = {
    'duplicate-image':
      /good_copy\.jpg: the same image is already stored \(Mixed Bag \/ good\.jpg\)/,
    'not-an-image': /notes\.txt: not an image \(a text file\)/,
    'empty-file': /empty\.jpg: the file is empty/,
    'truncated-image': /truncated\.jpg: the file is cut short/,
    'corrupt-image': /corrupt\.png: the PNG data is damaged/,
    'image-too-large': /huge\.png: 10000×10000 pixels is too large/,
  };
  for (const [code, message] of Object.entries(expected)) {
    await expect(page.locator(`li[data-code="${code}"]`)).toHaveText(message);
  }
  await expect(page.getByText('No images found in: “Empty Folder”.')).toBeVisible();
  await expect(card(page, 'Mixed Bag').getByText('1 image', { exact: true })).toBeVisible();

  // The same folder again: the good image is now a duplicate, and nothing else changes.
  await page.getByRole('button', { name: 'Close summary' }).click();
  const again = await dropAndWait(page, [`${root}/Mixed Bag`]);
  expect(again).toContain('0 added, 7 skipped');
  await expect(page.getByRole('heading', { name: '1 person · 1 image' })).toBeVisible();
});

test('the dataset survives closing and reopening the browser (same profile)', async ({
  baseURL,
}) => {
  const profile = tempDir('profile');
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath() ?? undefined,
      args: CHROMIUM_ARGS,
      baseURL,
      viewport: { width: 1280, height: 900 },
    });
  const first = await launch();
  const page = first.pages()[0] ?? (await first.newPage());
  await openStudio(page);
  await dropAndWait(page, [lfwFolder('Adrien_Brody')]);
  await expect(page.getByRole('heading', { name: '1 person · 12 images' })).toBeVisible();
  await first.close();

  const second = await launch();
  const again = second.pages()[0] ?? (await second.newPage());
  await openStudio(again);
  await expect(again.getByRole('heading', { name: '1 person · 12 images' })).toBeVisible();
  await expect(card(again, 'Adrien_Brody').getByLabel('Split for Adrien_Brody')).toHaveText(
    'train 8val 2test 2',
  );
  await second.close();
});
