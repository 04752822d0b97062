// Accessibility: axe-core finds no serious or critical violations on each screen, and every
// control can be reached by keyboard and has a visible, accessible name.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { dropAndWait, lfwFolder, openStudio } from './fixtures';
import { fillTinyConfig, loadSampleFaces, openTrain } from './training-helpers';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`,
    );
}

test('the Dataset screen passes axe, empty and with people', async ({ page }) => {
  await openStudio(page);
  expect(await seriousViolations(page)).toEqual([]);
  await dropAndWait(page, [lfwFolder('Adrien_Brody'), lfwFolder('Ann_Veneman')]);
  expect(await seriousViolations(page)).toEqual([]);
});

test('every control is reachable by keyboard and named', async ({ page }) => {
  await openStudio(page);
  await dropAndWait(page, [lfwFolder('Adrien_Brody')]);
  const visited: string[] = [];
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const labelled =
        el.getAttribute('aria-label') ||
        (el as HTMLInputElement).labels?.[0]?.textContent ||
        el.textContent;
      return { tag: el.tagName, name: (labelled ?? '').trim() };
    });
    if (!info) continue;
    expect(info.name, `${info.tag} #${i} has no accessible name`).not.toBe('');
    visited.push(info.name);
  }
  for (const name of [
    'Dataset',
    'New person',
    'Add person',
    'Add photos…',
    'Add folder…',
    'Rename Adrien_Brody',
    'Delete Adrien_Brody',
  ]) {
    expect(
      visited.some((v) => v.startsWith(name)),
      `${name} reachable by Tab`,
    ).toBe(true);
  }
  // And a control works from the keyboard: rename with Enter.
  await page.getByRole('button', { name: 'Rename Adrien_Brody' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Adrien Brody');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Adrien Brody', exact: true })).toBeVisible();
});

test('the Train screen passes axe, before and after a run', async ({ page }) => {
  await loadSampleFaces(page);
  await openTrain(page, 'cpu');
  expect(await seriousViolations(page)).toEqual([]);
  await fillTinyConfig(page, 1);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });
  expect(await seriousViolations(page)).toEqual([]);
});
