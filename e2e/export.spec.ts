// Export and import through the real UI: train a tiny network (32×32 input, 1/16 width, wasm,
// 2 epochs) on the sample faces, download it as TF.js and ONNX, its training log and the dataset
// zip, and check the files in Node (the ONNX runs in onnxruntime-web and agrees with the TF.js
// model run by tfjs); then, in an empty studio, refuse bad zips without adding anything and
// import the dataset zip back: the same people, image counts and splits; and open the project
// file in another empty studio: the same dataset, and the run's network.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import * as ort from 'onnxruntime-web';
import { openStudio, tempDir } from './fixtures';
import { fillTinyConfig, loadSampleFaces, openTrain } from './training-helpers';

async function download(
  page: Page,
  button: string,
): Promise<{ name: string; path: string; bytes: Uint8Array; seconds: number }> {
  const started = Date.now();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(tempDir('export'), file.suggestedFilename());
  await file.saveAs(path);
  const seconds = (Date.now() - started) / 1000;
  return {
    name: file.suggestedFilename(),
    path,
    bytes: new Uint8Array(readFileSync(path)),
    seconds,
  };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const csvRows = (bytes: Uint8Array) =>
  text(bytes)
    .split('\r\n')
    .filter((line) => line !== '');

/** Each card's file stems with their split part, e.g. "Person 01/01 train". */
async function splitsShown(page: Page): Promise<string[]> {
  const titles = await page
    .locator('.thumbs li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('title') ?? ''));
  return titles.map((title) => title.replace(/\.(png|jpg) · (train|val|test).*$/, ' $2')).sort();
}

async function importZip(page: Page, path: string): Promise<void> {
  await page.getByRole('tab', { name: 'Export' }).click();
  await page.getByTestId('dataset-zip-input').setInputFiles(path);
}

test('export the model, log and dataset; import the dataset into an empty studio; refuse bad zips', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(420_000);
  await loadSampleFaces(page);
  const splitsBefore = await splitsShown(page);
  await openTrain(page, 'wasm');
  await fillTinyConfig(page, 2);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 180_000,
  });

  await page.getByRole('tab', { name: 'Export' }).click();
  const model = page.getByRole('region', { name: 'Model export' });
  await expect(model.getByLabel('Run')).toContainText('2/2 epochs');

  await expect(model).toContainText('This run is not evaluated yet');
  const tfjs = await download(page, 'Download TF.js model');
  expect(tfjs.name).toMatch(/^face-studio-resnet18-\d{8}-\d{4}-tfjs\.zip$/);
  const tfjsFiles = unzipSync(tfjs.bytes);
  expect(Object.keys(tfjsFiles).sort()).toEqual(['metadata.json', 'model.json', 'weights.bin']);
  const modelJson = JSON.parse(text(tfjsFiles['model.json'])) as tf.io.ModelJSON;
  expect(modelJson.weightsManifest[0]?.paths).toEqual(['weights.bin']);
  const metadata = JSON.parse(text(tfjsFiles['metadata.json'])) as {
    identities: string[];
    input: { size: number };
    output: { dim: number };
    alignment: { template: unknown[] };
  };
  expect(metadata.identities).toHaveLength(8);
  expect(metadata.input.size).toBe(32);
  expect(metadata.output.dim).toBe(32);
  expect(metadata.alignment.template).toHaveLength(5);
  await expect(model.getByTestId('model-export-status')).toContainText(tfjs.name);

  const onnx = await download(page, 'Download ONNX model');
  expect(onnx.name).toMatch(/\.onnx$/);
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(onnx.bytes);
  const pixels = Float32Array.from({ length: 2 * 32 * 32 * 3 }, (_, i) => Math.sin(i) * 0.9);
  const onnxOut = (await session.run({ input: new ort.Tensor('float32', pixels, [2, 32, 32, 3]) }))
    .embedding;
  expect(onnxOut?.dims).toEqual([2, 32]);
  await session.release();

  // The TF.js files give the same embeddings as the ONNX file: one network, two formats.
  await tf.setBackend('cpu');
  const weights = tfjsFiles['weights.bin'] as Uint8Array;
  const layers = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0]?.weights,
      weightData: weights.slice().buffer,
    }),
  );
  const tfjsOut = (layers.predict(tf.tensor4d(pixels, [2, 32, 32, 3])) as tf.Tensor).dataSync();
  const onnxData = onnxOut?.data as Float32Array;
  const difference = Math.max(...Array.from(tfjsOut, (v, i) => Math.abs(v - (onnxData[i] ?? NaN))));
  expect(difference).toBeLessThan(1e-4);

  const steps = await download(page, 'Steps (CSV)');
  const epochs = await download(page, 'Epochs (CSV)');
  const stepRows = csvRows(steps.bytes);
  const epochRows = csvRows(epochs.bytes);
  expect(stepRows[0]).toBe('step,epoch,loss,accuracy,learning_rate');
  // 48 train images in batches of 16: 3 steps an epoch.
  expect(stepRows).toHaveLength(1 + 6);
  expect(epochRows[0]).toMatch(/^epoch,train_loss,train_accuracy,val_loss,val_accuracy/);
  expect(epochRows).toHaveLength(1 + 2);
  const log = await download(page, 'Log (JSON)');
  expect((JSON.parse(text(log.bytes)) as { steps: unknown[] }).steps).toHaveLength(6);

  const dataset = await download(page, 'Download dataset (zip)');
  const entries = Object.keys(unzipSync(dataset.bytes));
  const images = entries.filter((name) => name !== 'manifest.json');
  expect(entries).toContain('manifest.json');
  expect(images).toHaveLength(80);
  expect(images.every((name) => /^Person 0[1-8]\/\d\d\.jpg$/.test(name))).toBe(true);
  expect(new Set(images.map((name) => name.split('/')[0])).size).toBe(8);
  await expect(page.getByTestId('dataset-export-status')).toContainText('8 people, 80 images');
  console.log(
    `export sizes: TF.js zip ${tfjs.bytes.length} B (${tfjs.seconds.toFixed(1)} s), ONNX ${onnx.bytes.length} B (${onnx.seconds.toFixed(1)} s), dataset zip ${dataset.bytes.length} B (${dataset.seconds.toFixed(1)} s); |TF.js − ONNX| max ${difference.toExponential(2)}`,
  );

  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('export-screen.png'), fullPage: true });
  const project = await download(page, 'Download project file');
  expect(project.name).toMatch(/^face-studio-project-\d{8}-\d{4}\.zip$/);
  expect(Object.keys(unzipSync(project.bytes))).toContain('project.json');
  await expect(page.getByTestId('project-status')).toContainText(
    '8 people, 80 images, 80 source photos, 1 run',
  );

  // An empty studio: a fresh browser context has its own IndexedDB.
  const context = await browser.newContext({ baseURL, acceptDownloads: true });
  const fresh = await context.newPage();
  await openStudio(fresh);
  await expect(fresh.getByRole('heading', { name: '0 people · 0 images' })).toBeVisible();
  const bad = tempDir('bad-zip');
  const notZip = join(bad, 'shopping.zip');
  writeFileSync(notZip, 'milk, eggs, bread\n');
  const evil = join(bad, 'evil.zip');
  const face = unzipSync(dataset.bytes)['Person 01/01.jpg'] as Uint8Array;
  writeFileSync(evil, zipSync({ 'Ada/1.jpg': face, '../evil.jpg': strToU8('not really') }));
  const importPanel = fresh.getByRole('region', { name: 'Dataset import' });
  await importZip(fresh, notZip);
  await expect(importPanel.getByRole('alert')).toContainText(
    'shopping.zip was not imported: The file is not a zip archive.',
  );
  await importZip(fresh, evil);
  await expect(importPanel.getByRole('alert')).toContainText('evil.zip was not imported');
  await expect(importPanel.getByRole('alert')).toContainText('"../evil.jpg"');
  await fresh.getByRole('tab', { name: 'Dataset' }).click();
  await expect(fresh.getByRole('heading', { name: '0 people · 0 images' })).toBeVisible();

  const started = Date.now();
  await importZip(fresh, dataset.path);
  await expect(importPanel.getByTestId('dataset-import-status')).toContainText(
    'Imported 80 of 80 images of 8 people; 0 skipped.',
    { timeout: 180_000 },
  );
  console.log(`dataset zip import: 80 images in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await fresh.getByRole('tab', { name: 'Dataset' }).click();
  await expect(fresh.getByRole('heading', { name: '8 people · 80 images' })).toBeVisible();
  for (let n = 1; n <= 8; n++)
    await expect(fresh.getByRole('article', { name: `Person 0${n}` })).toContainText('10 images');
  expect(await splitsShown(fresh)).toEqual(splitsBefore);

  // The same zip again: everything is already there.
  await importZip(fresh, dataset.path);
  await expect(importPanel.getByTestId('dataset-import-status')).toContainText(
    'Imported 0 of 80 images of 8 people; 80 skipped.',
    { timeout: 120_000 },
  );
  await context.close();

  // Another empty studio opens the project file: the same people, images and splits, and the
  // run's checkpoint gives the same network.
  const other = await browser.newContext({ baseURL, acceptDownloads: true });
  const restored = await other.newPage();
  await openStudio(restored);
  await restored.getByRole('tab', { name: 'Export' }).click();
  const projectPanel = restored.getByRole('region', { name: 'Project file' });
  await restored.getByTestId('project-file-input').setInputFiles(notZip);
  await expect(projectPanel.getByRole('alert')).toContainText(
    'shopping.zip was not opened: The file is not a zip archive.',
  );
  const opened = Date.now();
  await restored.getByTestId('project-file-input').setInputFiles(project.path);
  await expect(projectPanel.getByTestId('project-status')).toContainText(
    '8 people (8 new), 80 images and 1 runs added',
    { timeout: 120_000 },
  );
  console.log(
    `project file: ${project.bytes.length} B, saved in ${project.seconds.toFixed(1)} s, opened in ${((Date.now() - opened) / 1000).toFixed(1)} s`,
  );
  const reexported = await download(restored, 'Download ONNX model');
  const again = await ort.InferenceSession.create(reexported.bytes);
  const againOut = (await again.run({ input: new ort.Tensor('float32', pixels, [2, 32, 32, 3]) }))
    .embedding?.data as Float32Array;
  await again.release();
  expect(
    Math.max(...Array.from(againOut, (v, i) => Math.abs(v - (onnxData[i] ?? NaN)))),
  ).toBeLessThan(1e-6);
  await restored.getByRole('tab', { name: 'Dataset' }).click();
  await expect(restored.getByRole('heading', { name: '8 people · 80 images' })).toBeVisible();
  expect(await splitsShown(restored)).toEqual(splitsBefore);
  await other.close();
});
