// Sorting an unsorted pile in the real UI with the encoder's help: a person imported from a
// folder (with one misfiled photo of someone else), then a pile of loose photos of three people
// plus a group photo of two and a photo with no face; "Group similar faces", two groups named
// as new people and the third dragged onto the existing person; the misfiled photo found by
// "Find suspect labels" and dragged onto its person; one image deleted by keyboard; undo and
// redo; a run trained and evaluated on the result; every label read back after a reload; and
// axe on the new controls.

import AxeBuilder from '@axe-core/playwright';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LFW, card, dropAndWait, openStudio, tempDir } from './fixtures';
import { makeSyntheticPhotos } from './synthetic-photos';
import { trainAndEvaluate } from './training-helpers';

const photosOf = (person: string) =>
  readdirSync(join(LFW, person))
    .sort()
    .map((file) => join(LFW, person, file));

/** The group of similar faces that holds the face from `file`. */
const groupWith = (page: Page, file: string) =>
  page.locator('.face-group').filter({ has: page.locator(`[title^="${file}"]`) });

/** How many images each person has, and Unsorted, as the screen says. */
async function counts(page: Page): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const article of await page.locator('article.identity-card').all()) {
    const name = (await article.locator('h3').textContent()) ?? '';
    result[name] = (await article.locator('.card-header .count').textContent()) ?? '';
  }
  result.Unsorted = (await page.locator('.unsorted-tray .card-header .count').textContent()) ?? '';
  return result;
}

// Tall enough that a group and the card it is dragged onto are on screen together, as a user
// would scroll them before dragging.
test.use({ viewport: { width: 1280, height: 2000 } });

test('sort a pile with grouping and suspects, fix by drag and keyboard, train, reload', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openStudio(page);
  const synthetic = await makeSyntheticPhotos(page, 'Party'); // Adrien Brody and Andy Roddick

  // Ann Veneman from a folder, with one photo of Adrien Brody filed there by mistake.
  const annFolder = join(tempDir('ann'), 'Ann_Veneman');
  mkdirSync(annFolder);
  for (const path of photosOf('Ann_Veneman').slice(0, 6))
    copyFileSync(path, join(annFolder, basename(path)));
  const misfiled = 'Adrien_Brody_0005.jpg';
  copyFileSync(join(LFW, 'Adrien_Brody', misfiled), join(annFolder, misfiled));
  await dropAndWait(page, [annFolder]);
  await expect(card(page, 'Ann_Veneman').getByText('7 images')).toBeVisible();

  // The pile: loose files, no person chosen.
  const pile = [
    ...photosOf('Adrien_Brody').filter((p) => !p.endsWith(misfiled)),
    ...photosOf('Andy_Roddick').slice(0, 12),
    ...photosOf('Ann_Veneman').slice(6),
    synthetic.group,
    synthetic.landscape,
  ];
  const summary = await dropAndWait(page, pile);
  expect(summary).toContain('1 skipped');
  await expect(
    page.getByRole('region', { name: 'Import summary' }).locator('[data-code="no-face"]'),
  ).toContainText('landscape.jpg: no face found');
  await page.getByRole('button', { name: 'Close summary' }).click();

  // Group similar faces: the Adrien and Andy groups hold no face of the other two people.
  await page.getByRole('button', { name: 'Group similar faces' }).click();
  await expect(page.getByText(/groups? of similar faces/)).toBeVisible({ timeout: 120_000 });
  await page.locator('.unsorted-tray').screenshot({ path: 'test-results/grouping-view.png' });
  const adrienGroup = groupWith(page, 'Adrien_Brody_0001.jpg');
  const andyGroup = groupWith(page, 'Andy_Roddick_0001.jpg');
  const annGroup = groupWith(page, 'Ann_Veneman_0007.jpg');
  await expect(adrienGroup.locator('[title^="Andy_Roddick"], [title^="Ann_Veneman"]')).toHaveCount(
    0,
  );
  await expect(andyGroup.locator('[title^="Adrien_Brody"], [title^="Ann_Veneman"]')).toHaveCount(0);
  const adrienGrouped = await adrienGroup.getByRole('option').count();
  expect(adrienGrouped).toBeGreaterThanOrEqual(6);
  // Ann's pile photos look like the Ann already named: the group suggests her.
  await expect(annGroup.getByRole('button', { name: /Add to Ann_Veneman/ })).toBeVisible();

  // Name two groups; drag the third onto Ann's card.
  await adrienGroup.getByPlaceholder('Name a new person').fill('Adrien Brody');
  await adrienGroup.getByRole('button', { name: /Create a person/ }).click();
  await expect(card(page, 'Adrien Brody').getByText(`${adrienGrouped} images`)).toBeVisible();
  const andyGrouped = await andyGroup.getByRole('option').count();
  await andyGroup.getByPlaceholder('Name a new person').fill('Andy Roddick');
  await andyGroup.getByRole('button', { name: /Create a person/ }).click();
  await expect(card(page, 'Andy Roddick').getByText(`${andyGrouped} images`)).toBeVisible();
  // (the notice of that change shows at the top first, so nothing moves during the drag)
  await expect(page.getByText(/to a new person, Andy Roddick\.$/)).toBeVisible();
  const annGrouped = await annGroup.getByRole('option').count();
  await annGroup.getByText('drag group').dragTo(card(page, 'Ann_Veneman').locator('h3'));
  await expect(card(page, 'Ann_Veneman').getByText(`${7 + annGrouped} images`)).toBeVisible();

  // Find suspect labels: the misfiled photo is among the first three, shown beside Adrien.
  await page.getByRole('button', { name: 'Find suspect labels' }).click();
  const suspects = page.locator('.suspect-list > li');
  await expect(suspects.first()).toBeVisible({ timeout: 120_000 });
  const top = (await suspects.evaluateAll((rows) =>
    rows.slice(0, 3).map((row) => row.getAttribute('data-source-name')),
  )) as string[];
  expect(top.map((name) => basename(name))).toContain(misfiled);
  await expect(page.locator(`.suspect[data-source-name$="${misfiled}"]`)).toContainText(
    'Adrien Brody',
  );

  // Drag the misfiled photo from Ann's card onto Adrien's.
  const ann = card(page, 'Ann_Veneman');
  const more = ann.getByRole('button', { name: /Show more/ });
  if (await more.count()) await more.click();
  await ann
    .locator(`[title^="Ann_Veneman/${misfiled}"]`)
    .dragTo(card(page, 'Adrien Brody').locator('h3'));
  await expect(card(page, 'Adrien Brody').getByText(`${adrienGrouped + 1} images`)).toBeVisible();
  await expect(ann.getByText(`${6 + annGrouped} images`)).toBeVisible();
  await expect(page.locator(`.suspect[data-source-name$="${misfiled}"]`)).toHaveCount(0);

  // Delete one of Andy's by keyboard; undo; redo.
  const andy = card(page, 'Andy Roddick');
  await andy.getByRole('option').first().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Delete');
  await expect(andy.getByText(`${andyGrouped - 1} images`)).toBeVisible();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(andy.getByText(`${andyGrouped} images`)).toBeVisible();
  await page.getByRole('button', { name: 'Redo image change' }).click();
  await expect(andy.getByText(`${andyGrouped - 1} images`)).toBeVisible();

  // axe: no serious or critical violations with the new controls on screen.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`),
  ).toEqual([]);

  const before = await counts(page);
  await page.screenshot({ path: 'test-results/labelling-sorted.png', fullPage: true });

  // Train and evaluate on the sorted people (Unsorted leftovers are not trained on).
  await trainAndEvaluate(page, 2);
  await expect(page.getByTestId('evaluation-status')).toContainText('Evaluated');

  // A reload finds every label as left.
  await page.reload();
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await expect(card(page, 'Adrien Brody')).toBeVisible();
  expect(await counts(page)).toEqual(before);
});
