// Training through the real UI and the real worker: a tiny network on the sample faces, live
// charts, pause / resume / stop, resuming after a reload, the guards, and a WebGPU run.

import { expect, test } from '@playwright/test';
import { card, lfwFolder } from './fixtures';
import { chartPoints, fillTinyConfig, loadSampleFaces, openTrain } from './training-helpers';

test('train a tiny network on CPU: charts fill, the run is listed, the page stays responsive', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
  });
  await loadSampleFaces(page);
  await openTrain(page, 'cpu');
  await fillTinyConfig(page, 3);
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Training 8 people on 48 images (validating on 16)');
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', { timeout: 120_000 });
  expect(await chartPoints(page, 'Loss chart')).toBe(9);
  expect(await chartPoints(page, 'Accuracy chart')).toBe(3);
  const run = page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1);
  await expect(run).toContainText('3 / 3');
  await expect(run).toContainText('cpu');
  await expect(run).toContainText('completed');
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  console.log(`longest main-thread task while training: ${longest.toFixed(0)} ms`);
  expect(longest).toBeLessThan(1000);
});

test('pause, resume and stop take effect', async ({ page }) => {
  await loadSampleFaces(page);
  await openTrain(page, 'cpu');
  await fillTinyConfig(page, 40);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect.poll(() => chartPoints(page, 'Loss chart'), { timeout: 60_000 }).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Paused.');
  const paused = await chartPoints(page, 'Loss chart');
  await page.waitForTimeout(3000);
  // At most the step in flight when Pause arrived lands afterwards.
  expect(await chartPoints(page, 'Loss chart')).toBeLessThanOrEqual(paused + 1);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => chartPoints(page, 'Loss chart'), { timeout: 60_000 }).toBeGreaterThan(paused + 3);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/Training stopped/, { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1)).toContainText('stopped');
});

test('a reload mid-run offers to resume from the checkpoint, and the run continues its schedule', async ({ page }) => {
  await loadSampleFaces(page);
  await openTrain(page, 'cpu');
  await fillTinyConfig(page, 12);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect.poll(() => chartPoints(page, 'Accuracy chart'), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  await page.reload();
  await openTrain(page, 'cpu');
  const offer = page.getByRole('region', { name: 'Interrupted run' });
  await expect(offer).toContainText(/interrupted after epoch \d+ of 12/);
  const done = Number(/epoch (\d+) of/.exec((await offer.textContent()) ?? '')?.[1]);
  await page.getByRole('button', { name: 'Resume interrupted run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', { timeout: 120_000 });
  expect(await chartPoints(page, 'Accuracy chart')).toBe(12);
  const row = page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1);
  await expect(row).toContainText('12 / 12');
  await expect(row).toContainText('completed');
  expect(done).toBeGreaterThanOrEqual(2);
});

test('guards: one person only, and a person with too few images', async ({ page }) => {
  await loadSampleFaces(page);
  for (let k = 2; k <= 8; k++) {
    await page.getByRole('button', { name: `Delete Person 0${k}` }).click();
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }
  await expect(page.getByRole('heading', { name: '1 person · 10 images' })).toBeVisible();
  await openTrain(page, 'cpu');
  await fillTinyConfig(page, 2);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('alert')).toContainText('Training needs at least two people with images');

  // Three loose photos for a new person: too few to split, and the run says who.
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await page.getByLabel('New person').fill('Newcomer');
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.getByLabel('Loose photos belong to').selectOption('Newcomer');
  await page.getByTestId('file-input').setInputFiles([1, 2, 3].map((n) => `${lfwFolder('Ann_Veneman')}/Ann_Veneman_000${n}.jpg`));
  await expect(card(page, 'Newcomer').getByText('3 images')).toBeVisible();
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('alert')).toContainText('Every person needs at least 5 images');
  await expect(page.getByRole('alert')).toContainText('Too few: Newcomer');

  // Invalid settings are refused with a reason before anything starts.
  await page.getByLabel('Batch size').fill('1');
  await expect(page.getByText(/Batch size must be/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start training' })).toBeDisabled();
});

test('a short run on WebGPU (SwiftShader here) trains too', async ({ page }) => {
  test.setTimeout(300_000);
  await loadSampleFaces(page);
  await openTrain(page, 'webgpu');
  await fillTinyConfig(page, 1, 40);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', { timeout: 280_000 });
  await expect(page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1)).toContainText('webgpu');
  expect(await chartPoints(page, 'Accuracy chart')).toBe(1);
});
