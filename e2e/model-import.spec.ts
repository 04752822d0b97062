// Importing embedding models through the real UI and worker: a tiny network trained here and
// downloaded as ONNX comes back in as an imported run (its settings read from the metadata it
// carries), and Evaluate gives it the same figures as the run it was exported from (same crops,
// same split); Verify names a person with it; files that are not a model, or a TF.js model
// without its weights, are refused with the reason and nothing is added; a projection and head
// train over it. And the studio's dataset zip, trained on by trainer/ (PyTorch), comes back as
// an ONNX model that the studio scores as the trainer did.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { findPython } from '../scripts/find-python.mjs';
import { tempDir } from './fixtures';
import { checkPhoto, fillTinyConfig, loadSampleFaces, openTrain } from './training-helpers';

const SAMPLES = join(process.cwd(), 'public/sample-faces');

async function downloadFile(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button') {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole(role, { name, exact: typeof name === 'string' }).click(),
  ]);
  const path = join(tempDir('model-import'), file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Evaluates the run chosen on the Evaluate screen and returns its folder-v1 report. */
async function evaluateChosen(page: Page, run: RegExp): Promise<Record<string, unknown>> {
  await page.getByRole('tab', { name: 'Evaluate' }).click();
  const picker = page.getByLabel('Run', { exact: true });
  const option = picker.locator('option').filter({ hasText: run });
  await picker.selectOption((await option.getAttribute('value')) ?? '');
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByTestId('evaluation-status')).toContainText('Evaluated', {
    timeout: 120_000,
  });
  const path = await downloadFile(page, 'Download report (JSON)');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

test('an exported ONNX model comes back as an imported run with the same figures; bad files are refused', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await loadSampleFaces(page);
  await openTrain(page, 'wasm');
  await fillTinyConfig(page, 3);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 180_000,
  });
  const trained = await evaluateChosen(page, /resnet18/);

  await page.getByRole('tab', { name: 'Export' }).click();
  const onnx = await downloadFile(page, 'Download ONNX model');
  const imports = page.getByRole('region', { name: 'Model import' });
  const status = imports.getByTestId('model-import-status');

  // Not a model: refused with the reason, nothing added.
  const dir = tempDir('bad-models');
  const notModel = join(dir, 'holiday.onnx');
  writeFileSync(notModel, 'this is a holiday photo, not a network');
  await imports.getByTestId('model-import-input').setInputFiles(notModel);
  await expect(imports.getByRole('alert')).toContainText('holiday.onnx was not imported');
  await expect(imports.getByRole('alert')).toContainText('not an ONNX model');
  const modelJson = join(dir, 'model.json');
  writeFileSync(
    modelJson,
    JSON.stringify({
      modelTopology: { node: [] },
      format: 'graph-model',
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
    }),
  );
  await imports.getByTestId('model-import-input').setInputFiles(modelJson);
  await expect(imports.getByRole('alert')).toContainText('group1-shard1of1.bin');
  await expect(imports.getByRole('table', { name: 'Imported models' })).toHaveCount(0);

  // The studio's own ONNX export: its metadata fills the form.
  await imports.getByTestId('model-import-input').setInputFiles(onnx);
  await expect(imports).toContainText('Its metadata set the fields below.', { timeout: 60_000 });
  await expect(imports.getByLabel('Input size (pixels)')).toHaveValue('32');
  await expect(imports.getByLabel('Channel layout')).toHaveValue('NHWC');
  await expect(imports.getByRole('img', { name: /as the model sees it: 32×32/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/model-import-form.png', fullPage: true });
  await imports.getByLabel('Name').fill('round trip');
  await imports.getByRole('button', { name: 'Add model' }).click();
  await expect(status).toContainText('Added round trip: it gives a 32-d embedding', {
    timeout: 60_000,
  });
  await expect(imports.getByRole('table', { name: 'Imported models' })).toContainText(
    'round trip · imported ONNX resnet18 · 32×32 → 32-d',
  );

  const imported = await evaluateChosen(page, /round trip/);
  await page.screenshot({ path: 'test-results/model-import-evaluate.png', fullPage: true });
  expect(imported.mode).toBe('imported');
  expect(imported.test).toBe(trained.test);
  expect(imported.identities).toBe(trained.identities);
  for (const figure of ['top1', 'auc', 'tar_at_far_1e2', 'verif_bal_acc', 'threshold']) {
    expect(imported[figure], figure).toBeCloseTo(trained[figure] as number, 3);
  }

  // Verify uses it like a trained run: a photo gets an answer from the imported model.
  await page.getByRole('tab', { name: 'Verify' }).click();
  const picker = page.getByLabel('Run', { exact: true });
  const option = picker.locator('option').filter({ hasText: /round trip/ });
  await picker.selectOption((await option.getAttribute('value')) ?? '');
  const { headline } = await checkPhoto(page, join(SAMPLES, 'Person 03', '10.png'));
  expect(headline).toMatch(/Person \d\d|Unknown/);
  await page.screenshot({ path: 'test-results/model-import-verify.png' });

  // Train a projection and ArcFace head over it, kept frozen, and evaluate that run.
  await page.getByRole('tab', { name: 'Train' }).click();
  await page
    .getByLabel('Backbone')
    .selectOption({ label: 'Imported model round trip (frozen) + ArcFace head' });
  await expect(page.getByText('The imported model stays frozen')).toBeVisible();
  await page.screenshot({ path: 'test-results/model-import-train.png' });
  await page.getByLabel('Embedding size').fill('16');
  await page.getByLabel('Epochs', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 180_000,
  });
  const over = await evaluateChosen(page, /imported encoder \(frozen\) → 16-d/);
  expect(over.mode).toBe('imported-frozen');
  expect(over.embedding_dim).toBe(16);
  expect(over.test).toBe(trained.test);
  expect(over.top1 as number).toBeGreaterThan(0);
  await page.getByRole('tab', { name: 'Export' }).click();
  await page
    .getByRole('region', { name: 'Model export' })
    .getByLabel('Run')
    .selectOption({ index: 0 });
  await expect(page.getByTestId('model-export-over-imported')).toBeVisible();

  // The model stays while a run trained over it needs it; once that run is gone, it can go.
  await imports.getByRole('button', { name: 'Delete imported model round trip' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'is the frozen encoder of 1 run' }),
  ).toBeVisible();
  await expect(imports.getByRole('table', { name: 'Imported models' })).toContainText('round trip');
  await page.getByRole('tab', { name: 'Train' }).click();
  const runs = page.getByRole('region', { name: 'Past runs' });
  await runs
    .getByRole('row')
    .filter({ hasText: 'imported encoder' })
    .getByRole('button', { name: /^Delete run/ })
    .click();
  await page.getByRole('tab', { name: 'Export' }).click();
  await imports.getByRole('button', { name: 'Delete imported model round trip' }).click();
  await expect(imports.getByRole('table', { name: 'Imported models' })).toHaveCount(0);
});

test('a model trained by trainer/ on the studio dataset zip imports and scores as the trainer scored it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const python = findPython();
  expect(python, 'a Python with torch (npm test installs one; see README)').not.toBeNull();
  await loadSampleFaces(page);
  await page.getByRole('tab', { name: 'Export' }).click();
  const zip = await downloadFile(page, 'Download dataset (zip)');
  const out = tempDir('trainer-run');
  const trained = spawnSync(
    python?.python ?? 'python3',
    [
      'trainer/train.py',
      ...['--data', zip, '--out', out, '--backbone', 'resnet18', '--width-multiplier', '0.0625'],
      ...['--input-size', '32', '--embedding-dim', '32', '--epochs', '3', '--batch-size', '16'],
      ...['--warmup-epochs', '0', '--lr', '0.01', '--threads', '1'],
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  expect(trained.status, trained.stderr).toBe(0);
  const metadata = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8')) as {
    metrics: { evaluation: { top1: number; auc: number; test: number } };
  };

  const imports = page.getByRole('region', { name: 'Model import' });
  await imports
    .getByTestId('model-import-input')
    .setInputFiles([join(out, 'model.onnx'), join(out, 'metadata.json')]);
  await expect(imports).toContainText('Its metadata set the fields below.', { timeout: 60_000 });
  await expect(imports.getByLabel('Channel layout')).toHaveValue('NCHW');
  await expect(imports.getByLabel('Input size (pixels)')).toHaveValue('32');
  await imports.getByLabel('Name').fill('from pytorch');
  await imports.getByRole('button', { name: 'Add model' }).click();
  await expect(imports.getByTestId('model-import-status')).toContainText(
    'Added from pytorch: it gives a 32-d embedding',
    { timeout: 60_000 },
  );
  const report = await evaluateChosen(page, /from pytorch/);
  const own = metadata.metrics.evaluation;
  expect(report.test).toBe(own.test);
  // The same crops and split; the studio resizes in the browser, the trainer with Pillow.
  expect(Math.abs((report.top1 as number) - own.top1)).toBeLessThanOrEqual(1 / own.test + 1e-9);
  expect(Math.abs((report.auc as number) - own.auc)).toBeLessThan(0.02);
});
