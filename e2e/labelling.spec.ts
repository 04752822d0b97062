// Labelling image by image in the real UI: select thumbnails (click, Ctrl-click, Shift-click,
// keyboard), drag them onto another person's card, onto New person and back to Unsorted, move
// by the Move to picker, delete by keyboard, undo and redo, and find every label as left after
// a reload.

import { expect, test, type Page } from '@playwright/test';
import { dropPaths } from '../scripts/drop-paths.mjs';
import { card, dropAndWait, lfwFolder, makeBadFiles, openStudio } from './fixtures';

const thumbs = (page: Page, name: string) =>
  page.getByRole('listbox', { name }).getByRole('option');

test('select, drag, move, delete, undo and redo images; labels survive a reload', async ({
  page,
}) => {
  await openStudio(page);
  await dropAndWait(page, [lfwFolder('Adrien_Brody'), lfwFolder('Ann_Veneman')]);
  await page.getByRole('button', { name: 'Close summary' }).click();
  const adrien = card(page, 'Adrien_Brody');
  const ann = card(page, 'Ann_Veneman');
  await expect(adrien.getByText('12 images')).toBeVisible();
  await expect(ann.getByText('11 images')).toBeVisible();

  // Drag one of Ann's images onto Adrien's card.
  const annFirst = thumbs(page, 'Images of Ann_Veneman').first();
  const movedName = await annFirst.getAttribute('data-image-id');
  await annFirst.dragTo(adrien.getByRole('heading', { name: 'Adrien_Brody' }));
  await expect(adrien.getByText('13 images')).toBeVisible();
  await expect(ann.getByText('10 images')).toBeVisible();
  await adrien.getByRole('button', { name: /Show more/ }).click();
  await expect(ann.locator(`[data-image-id="${movedName}"]`)).toHaveCount(0);
  await expect(
    page
      .getByRole('listbox', { name: 'Images of Adrien_Brody' })
      .locator(`[data-image-id="${movedName}"]`),
  ).toHaveCount(1);

  // Dropping a selection onto its own person does nothing.
  await thumbs(page, 'Images of Adrien_Brody').nth(1).dragTo(adrien.getByRole('heading'));
  await expect(adrien.getByText('13 images')).toBeVisible();

  // Click, Shift-click a range, Ctrl-click one off: the count says what is selected.
  const adrienThumbs = thumbs(page, 'Images of Adrien_Brody');
  await adrienThumbs.nth(0).click();
  await adrienThumbs.nth(3).click({ modifiers: ['Shift'] });
  await adrienThumbs.nth(2).click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByText('3 images selected')).toBeVisible();
  await expect(adrienThumbs.nth(2)).toHaveAttribute('aria-selected', 'false');

  // Move them by keyboard, with the Move to picker.
  await page.getByLabel('Move the selected images to').selectOption({ label: 'Ann_Veneman' });
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(adrien.getByText('10 images')).toBeVisible();
  await expect(ann.getByText('13 images')).toBeVisible();
  await expect(page.getByText('Moved 3 images to Ann_Veneman.')).toBeVisible();

  // Delete one by keyboard: focus a thumbnail, Space selects it, Delete deletes.
  const annThumbs = thumbs(page, 'Images of Ann_Veneman');
  await annThumbs.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.getByText('1 image selected')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(ann.getByText('12 images')).toBeVisible();
  await expect(page.getByText('Deleted 1 image.')).toBeVisible();
  // Scrolled down, the notice stays in sight: the selection bar sticks below it, not over it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect
    .poll(() =>
      page.evaluate(() => {
        const notice = document.querySelector('.notices .notice');
        const text = notice?.querySelector('span');
        const bar = document.querySelector('.selection-bar');
        if (!notice || !text || !bar) return 'missing';
        const box = text.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        const stuck = bar.getBoundingClientRect().top <= notice.getBoundingClientRect().bottom + 1;
        return notice.contains(hit) && stuck ? 'in sight above the stuck bar' : 'covered';
      }),
    )
    .toBe('in sight above the stuck bar');

  // Undo the delete and the move; redo the move.
  await page.getByRole('button', { name: 'Undo image change' }).click();
  await expect(ann.getByText('13 images')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(ann.getByText('10 images')).toBeVisible();
  await expect(adrien.getByText('13 images')).toBeVisible();
  await page.getByRole('button', { name: 'Redo image change' }).click();
  await expect(ann.getByText('13 images')).toBeVisible();
  await expect(adrien.getByText('10 images')).toBeVisible();

  // Two images onto New person, named there; then one back to Unsorted.
  await adrienThumbs.nth(0).click();
  await adrienThumbs.nth(1).click({ modifiers: ['ControlOrMeta'] });
  await adrienThumbs
    .nth(0)
    .dragTo(
      page
        .getByRole('region', { name: 'Selected images' })
        .getByText('New person', { exact: true }),
    );
  await page.getByLabel('Name the new person (2 images)').fill('Adrien Again');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(card(page, 'Adrien Again').getByText('2 images')).toBeVisible();
  await expect(adrien.getByText('8 images')).toBeVisible();
  // The tray's heading near the top of the window (below the sticky selection bar), so that the
  // card below it is in view too: a drag that has to scroll the page on its way does not land in
  // Playwright.
  await page
    .getByRole('heading', { name: 'Unsorted' })
    .evaluate((heading) => window.scrollBy(0, heading.getBoundingClientRect().top - 150));
  await thumbs(page, 'Images of Adrien Again')
    .first()
    .dragTo(page.getByRole('heading', { name: 'Unsorted' }));
  await expect(page.getByRole('region', { name: 'Unsorted' }).getByText('1 face')).toBeVisible();

  // One image larger.
  await thumbs(page, 'Unsorted faces').first().dblclick();
  const detail = page.getByRole('dialog');
  await expect(detail.getByText('What the network sees')).toBeVisible();
  await expect(detail.getByRole('img', { name: /^The face crop of/ })).toBeVisible();
  await expect(detail.getByRole('img', { name: /^The photo Adrien_Brody\// })).toBeVisible();
  await expect(detail.locator('.face-box')).toBeVisible();
  await page.screenshot({ path: 'test-results/labelling-detail.png' });
  await detail.getByRole('button', { name: 'Close' }).click();

  // Files dropped onto a card are that person's (a folder's name does not decide), with the
  // same reasons for files that are not good images.
  const bad = makeBadFiles(); // "Mixed Bag": a face already stored, a copy of it, five bad files
  await dropPaths(page, card(page, 'Adrien Again').locator('h3'), [
    bad.root,
    lfwFolder('Andy_Roddick') + '/Andy_Roddick_0001.jpg',
  ]);
  const summary = page.getByRole('region', { name: 'Import summary' });
  await expect(summary).toContainText('1 added, 7 skipped', { timeout: 60_000 });
  await expect(summary.locator('[data-code="not-an-image"]')).toContainText('notes.txt');
  await expect(summary.locator('[data-code="duplicate-image"]').first()).toContainText(
    'the same image is already stored',
  );
  await expect(card(page, 'Adrien Again').getByText('2 images')).toBeVisible();
  await expect(card(page, 'Mixed Bag')).toHaveCount(0);
  await page.getByRole('button', { name: 'Close summary' }).click();

  // A reload reads every label back as left.
  await page.reload();
  await expect(card(page, 'Adrien_Brody').getByText('8 images')).toBeVisible();
  await expect(card(page, 'Ann_Veneman').getByText('13 images')).toBeVisible();
  await expect(card(page, 'Adrien Again').getByText('2 images')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Unsorted' }).getByText('1 face')).toBeVisible();
  await page.screenshot({ path: 'test-results/labelling.png', fullPage: true });
});
