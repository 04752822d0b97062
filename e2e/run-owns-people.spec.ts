// A run owns its people: after it trained, a person is renamed (changing the name order), one is
// deleted and a new one added, and the earlier run still evaluates (saying who is gone), resumes
// to its last epoch with its own schedule, and exports. Before runs recorded their people and
// images, each of these refused with "The people in the dataset changed".

import { expect, test, type Page } from '@playwright/test';
import { dropAndWait, lfwFolder } from './fixtures';
import { chartPoints, fillTinyConfig, loadSampleFaces, openTrain } from './training-helpers';

const card = (page: Page, name: string) => page.getByRole('article', { name });

async function evaluateRun(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Evaluate' }).click();
  await page.getByRole('button', { name: /^Evaluate( again)?$/ }).click();
  await expect(page.getByTestId('evaluation-status')).toContainText('Evaluated', {
    timeout: 90_000,
  });
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('rename, delete and add people after a run: it still evaluates, resumes and exports', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await loadSampleFaces(page);
  await openTrain(page, 'wasm');
  await fillTinyConfig(page, 12);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect
    .poll(() => chartPoints(page, 'Accuracy chart'), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/Training stopped/, { timeout: 60_000 });
  const pastRun = page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1);
  const epochsDone = Number(
    /^(\d+) \/ 12$/.exec((await pastRun.getByRole('cell').nth(2).textContent()) ?? '')?.[1],
  );
  expect(epochsDone).toBeGreaterThanOrEqual(2);
  expect(epochsDone).toBeLessThan(12);
  await evaluateRun(page);

  // Change the dataset: "Person 01" becomes "Zoe" (first in name order before, last after),
  // "Person 08" is deleted for good, and a new person arrives from a folder.
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await page.getByRole('button', { name: 'Rename Person 01' }).click();
  await page.getByLabel('New name for Person 01').fill('Zoe');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(card(page, 'Zoe')).toBeVisible();
  await page.getByRole('button', { name: 'Delete Person 08' }).click();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(card(page, 'Person 08')).toHaveCount(0);
  const summary = await dropAndWait(page, [lfwFolder('Ann_Veneman')]);
  expect(summary).toMatch(/\d+ added/);
  await expect(card(page, 'Ann_Veneman')).toBeVisible();

  // Evaluate: the run's seven remaining people are scored, under their names of today.
  await evaluateRun(page);
  await expect(page.getByRole('note', { name: 'People not scored' })).toContainText(
    'Not scored: Person 08.',
  );
  await expect(page.getByRole('note', { name: 'People not scored' })).toContainText(
    'the other 7 people',
  );
  // (Shown on the page: the embedding map's points also name people, in titles seen on hover.)
  await expect(page.getByText('Zoe').filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByText('Ann_Veneman')).toHaveCount(0);

  // Resume: the run goes on from its checkpoint to its last epoch, with its own classes.
  await page.getByRole('tab', { name: 'Train' }).click();
  await pastRun.getByRole('button', { name: 'Resume run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });
  await expect(pastRun.getByRole('cell').nth(2)).toHaveText('12 / 12');
  await expect(pastRun).toContainText('completed');
  expect(await chartPoints(page, 'Accuracy chart')).toBe(12);

  // Export: the model of the earlier run downloads.
  await page.getByRole('tab', { name: 'Export' }).click();
  const model = page.getByRole('region', { name: 'Model export' });
  await expect(model.getByLabel('Run')).toContainText('12/12 epochs');
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('button', { name: 'Download ONNX model', exact: true }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/\.onnx$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
