// Helpers for the training tests: load the bundled sample faces and fill the Train form with a
// tiny network (32×32 input, 1/16 width), which trains in seconds even without a GPU.

import { expect, type Page } from '@playwright/test';
import { openStudio } from './fixtures';

export async function loadSampleFaces(page: Page): Promise<void> {
  await openStudio(page);
  await page.getByRole('button', { name: 'Load sample faces' }).click();
  await expect(page.getByRole('region', { name: 'Import summary' })).toContainText('80 added', {
    timeout: 60_000,
  });
}

export async function openTrain(
  page: Page,
  backend: 'auto' | 'cpu' | 'webgl' | 'webgpu' | 'wasm',
): Promise<void> {
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByTestId('backend-name')).toContainText('Training on', { timeout: 60_000 });
  if (backend !== 'auto') {
    await page.getByLabel('Backend', { exact: true }).selectOption(backend);
    await expect(page.getByText('Chosen by you.')).toBeVisible({ timeout: 60_000 });
  }
}

/** A tiny from-scratch CNN (the Train screen starts from the pretrained encoder). */
export async function fillTinyConfig(page: Page, epochs: number, batch = 16): Promise<void> {
  await page.getByLabel('Backbone').selectOption('resnet18');
  await page.getByLabel('Input size').selectOption('32');
  await page.getByLabel('Width multiplier').fill('0.0625');
  await page.getByLabel('Embedding size').fill('32');
  await page.getByLabel('Batch size').fill(String(batch));
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByLabel('Warm-up epochs').fill('0');
  await page.getByLabel('Learning rate').fill('0.01');
}

export async function chartPoints(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('figure', { name, exact: true }).getAttribute('data-points'));
}

/** How many points a training chart draws now (it takes new data at most once a second). */
export async function chartDrawn(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('figure', { name, exact: true }).getAttribute('data-drawn'));
}

/** Trains with the Train screen's settings as they stand (the pretrained encoder unless changed) for `epochs`, then evaluates. */
export async function trainAndEvaluate(page: Page, epochs: number): Promise<void> {
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });
  await page.getByRole('tab', { name: 'Evaluate' }).click();
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByTestId('evaluation-status')).toContainText('Evaluated', {
    timeout: 60_000,
  });
}

/**
 * Gives Verify one photo and waits for its answer: the headline and the "verify as" line, or
 * nulls when no face was found in it (ORL photos are cropped tight).
 */
export async function checkPhoto(
  page: Page,
  path: string,
): Promise<{ headline: string | null; claimed: string | null }> {
  await page.getByLabel(/Photo to check/).setInputFiles(path);
  await expect(page.getByText('Looking…')).toHaveCount(0, { timeout: 30_000 });
  const headline = page.getByTestId('match-headline');
  if ((await headline.count()) === 0) return { headline: null, claimed: null };
  const claimed = page.getByTestId('verify-as-result');
  return {
    headline: await headline.textContent(),
    claimed: (await claimed.count()) > 0 ? await claimed.textContent() : null,
  };
}
