// Editing people: create (with refused names explained), rename, merge and delete, each
// undoable. (A full disk during an import: full-disk.spec.ts.)

import { expect, test } from '@playwright/test';
import { card, dropAndWait, lfwFolder, openStudio, storedCount } from './fixtures';

test('create, rename, merge and delete people, with undo', async ({ page }) => {
  await openStudio(page);
  await dropAndWait(page, [lfwFolder('Adrien_Brody'), lfwFolder('Ann_Veneman')]);
  await page.getByRole('button', { name: 'Close summary' }).click();

  // Create: an empty name and a duplicate are refused with a reason.
  const newPerson = page.getByLabel('New person');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('alert')).toHaveText('A name cannot be empty.');
  await newPerson.fill('  ann_veneman ');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'There is already a person called “Ann_Veneman”.',
  );
  await newPerson.fill('Grace Hopper');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(card(page, 'Grace Hopper').getByText('0 images')).toBeVisible();

  // Rename, refused then accepted, then undone.
  await page.getByRole('button', { name: 'Rename Adrien_Brody' }).click();
  await page.getByLabel('New name for Adrien_Brody').fill('Grace Hopper');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('already a person called “Grace Hopper”');
  await page.getByLabel('New name for Adrien_Brody').fill('Adrien Brody');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(card(page, 'Adrien Brody').getByText('12 images')).toBeVisible();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(card(page, 'Adrien_Brody').getByText('12 images')).toBeVisible();

  // Merge Ann_Veneman (11) into Adrien_Brody (12), then undo. The picker lists the other people
  // once it is about to open, not on every card at rest; here it is reached with Tab and set
  // with the arrow key, and it keeps its width and its choice when it loses focus.
  const mergePicker = card(page, 'Ann_Veneman').getByLabel('Merge Ann_Veneman into', {
    exact: true,
  });
  await expect(mergePicker.locator('option')).toHaveCount(1);
  const restingWidth = (await mergePicker.boundingBox())?.width;
  await page.getByRole('button', { name: 'Rename Ann_Veneman' }).focus();
  await page.keyboard.press('Tab');
  await expect(mergePicker).toBeFocused();
  await expect(mergePicker.locator('option')).toHaveText([
    'Merge into…',
    'Adrien_Brody',
    'Grace Hopper',
  ]);
  expect((await mergePicker.boundingBox())?.width).toBe(restingWidth);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect(mergePicker.locator('option:checked')).toHaveText('Adrien_Brody');
  expect((await mergePicker.boundingBox())?.width).toBe(restingWidth);
  await card(page, 'Ann_Veneman')
    .getByRole('button', { name: /Merge Ann_Veneman/ })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Merged' })).toContainText(
    'Merged “Ann_Veneman” (11 images) into “Adrien_Brody”.',
  );
  await expect(card(page, 'Adrien_Brody').getByText('23 images')).toBeVisible();
  await expect(card(page, 'Ann_Veneman')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(card(page, 'Ann_Veneman').getByText('11 images')).toBeVisible();
  await expect(card(page, 'Adrien_Brody').getByText('12 images')).toBeVisible();

  // Delete, undo; delete again and let it become final: it stays gone after a reload.
  await page.getByRole('button', { name: 'Delete Ann_Veneman' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toContainText(
    'Deleted “Ann_Veneman” and 11 images.',
  );
  await expect(card(page, 'Ann_Veneman')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(card(page, 'Ann_Veneman').getByText('11 images')).toBeVisible();
  await page.getByRole('button', { name: 'Delete Ann_Veneman' }).click();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('heading', { name: '2 people · 12 images' })).toBeVisible();
  // The final delete is written to IndexedDB a moment after the screen shows it (a reload in
  // that moment would find the person still stored): wait until the store holds two people.
  await expect.poll(() => storedCount(page, 'identities')).toBe(2);
  await page.reload();
  await expect(page.getByRole('heading', { name: '2 people · 12 images' })).toBeVisible();
  await expect(card(page, 'Ann_Veneman')).toHaveCount(0);

  // A merge made final survives a reload too.
  const secondPicker = card(page, 'Grace Hopper').getByLabel('Merge Grace Hopper into', {
    exact: true,
  });
  await secondPicker.click(); // from the mouse this time (a click also focuses)
  await expect(secondPicker.locator('option')).toHaveCount(2);
  await secondPicker.selectOption({ label: 'Adrien_Brody' });
  await card(page, 'Grace Hopper')
    .getByRole('button', { name: /Merge Grace Hopper/ })
    .click();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('heading', { name: '1 person · 12 images' })).toBeVisible();
  // As for the delete: the reload waits until the merge is stored (the screen says "Saving…"
  // meanwhile; dataset-slice.test.ts checks that count).
  await expect.poll(() => storedCount(page, 'identities')).toBe(1);
  await page.reload();
  await expect(page.getByRole('heading', { name: '1 person · 12 images' })).toBeVisible();
});
