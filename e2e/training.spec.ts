// Training through the real UI and the real worker: a tiny network on the sample faces, live
// charts, pause / resume / stop, resuming after a reload, the guards, and a WebGPU run.

import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { card, dropAndWait, lfwFolder, ORL, tempDir } from './fixtures';
import {
  chartDrawn,
  chartPoints,
  checkPhoto,
  fillTinyConfig,
  loadSampleFaces,
  openTrain,
} from './training-helpers';

test('train a tiny network on CPU: charts fill, the run is listed, the page stays responsive', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => w.longTasks.push(e.duration)),
    ).observe({ type: 'longtask', buffered: false });
  });
  await loadSampleFaces(page);
  await openTrain(page, 'cpu');
  await fillTinyConfig(page, 3);
  const longTasks = () =>
    page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toContainText(
    'Training 8 people on 48 images (validating on 16)',
  );
  // Steady state: from the first plotted point on (the charts' first mount is measured apart).
  await expect.poll(() => chartPoints(page, 'Loss chart'), { timeout: 60_000 }).toBeGreaterThan(0);
  const withFirstRender = await longTasks();
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });
  expect(await chartPoints(page, 'Loss chart')).toBe(9);
  expect(await chartPoints(page, 'Accuracy chart')).toBe(3);
  // What the charts draw catches up with the run's last step and epoch.
  await expect.poll(() => chartDrawn(page, 'Loss chart')).toBe(9);
  await expect.poll(() => chartDrawn(page, 'Accuracy chart')).toBe(3);
  await expect(page.getByRole('figure', { name: 'Loss chart', exact: true })).toContainText(
    '9 steps shown',
  );
  // Drawn whole in the end (a chart is drawn a part a turn): both lines, and its legend.
  const loss = page.getByRole('figure', { name: 'Loss chart', exact: true });
  await expect(loss.locator('.recharts-line')).toHaveCount(2);
  await expect(loss.getByRole('listitem')).toHaveText(['loss per step', 'smoothed']);
  await page
    .getByRole('region', { name: 'Training charts' })
    .screenshot({ path: test.info().outputPath('training-charts.png') });
  const run = page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1);
  await expect(run).toContainText('3 / 3');
  await expect(run).toContainText('cpu');
  await expect(run).toContainText('completed');
  const longest = await longTasks();
  console.log(
    `longest main-thread task: ${withFirstRender.toFixed(0)} ms up to the first chart render, ${longest.toFixed(0)} ms while training after it`,
  );
  expect(longest).toBeLessThan(1000);
});

test('pause, resume and stop take effect', async ({ page }) => {
  await loadSampleFaces(page);
  await openTrain(page, 'wasm');
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
  await expect
    .poll(() => chartPoints(page, 'Loss chart'), { timeout: 60_000 })
    .toBeGreaterThan(paused + 3);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/Training stopped/, { timeout: 30_000 });
  await expect(
    page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1),
  ).toContainText('stopped');
});

test('a reload mid-run offers to resume from the checkpoint, and the run continues its schedule', async ({
  page,
}) => {
  await loadSampleFaces(page);
  await openTrain(page, 'wasm');
  await fillTinyConfig(page, 12);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect
    .poll(() => chartPoints(page, 'Accuracy chart'), { timeout: 90_000 })
    .toBeGreaterThanOrEqual(2);
  await page.reload();
  await openTrain(page, 'cpu');
  const offer = page.getByRole('region', { name: 'Interrupted run' });
  await expect(offer).toContainText(/interrupted after epoch \d+ of 12/);
  const done = Number(/epoch (\d+) of/.exec((await offer.textContent()) ?? '')?.[1]);
  await page.getByRole('button', { name: 'Resume interrupted run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });
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
  await expect(page.getByRole('alert')).toContainText(
    'Training needs at least two people with images',
  );

  // Three loose photos for a new person: too few to split, and the run says who.
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await page.getByLabel('New person').fill('Newcomer');
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.getByLabel('Loose photos belong to').selectOption('Newcomer');
  await page
    .getByTestId('file-input')
    .setInputFiles([1, 2, 3].map((n) => `${lfwFolder('Ann_Veneman')}/Ann_Veneman_000${n}.jpg`));
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
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 280_000,
  });
  await expect(
    page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1),
  ).toContainText('webgpu');
  expect(await chartPoints(page, 'Accuracy chart')).toBe(1);
});

test('without a real GPU the automatic choice is WebAssembly, and it trains', async ({ page }) => {
  await loadSampleFaces(page);
  await openTrain(page, 'auto');
  await expect(page.getByTestId('backend-name')).toHaveText('Training on WebAssembly');
  await expect(page.getByRole('region', { name: 'Training backend' })).toContainText(
    'software emulator is not one',
  );
  await expect(page.getByRole('region', { name: 'Training backend' })).toContainText('SwiftShader');
  // The preview server sends COOP/COEP, so the page is cross-origin isolated and WASM trains on
  // as many threads as the machine has cores (up to 4); it says how many.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByRole('region', { name: 'Training backend' })).toContainText(
    cores >= 2
      ? `WebAssembly: ${Math.min(4, cores)} threads (${cores} cores, cross-origin isolated page)`
      : 'WebAssembly: one thread',
  );
  await fillTinyConfig(page, 3);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });
  const row = page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1);
  await expect(row).toContainText('wasm');
  expect(await chartPoints(page, 'Accuracy chart')).toBe(3);

  // The run fixed each image's part: photos added afterwards only top val and test up to the
  // person's 7:2:1, so none of the photos the run trained on changes part.
  await page.getByRole('tab', { name: 'Dataset' }).click();
  const thumbs = page.getByRole('listbox', { name: 'Images of Person 01' }).getByRole('option');
  const titles = () =>
    thumbs.evaluateAll((items) => items.map((item) => item.getAttribute('title')));
  const before = await titles();
  expect(before).toHaveLength(10);
  const more = join(tempDir('more'), 'Person 01');
  mkdirSync(more);
  const subject = join(ORL, 's39');
  for (const file of readdirSync(subject))
    copyFileSync(join(subject, file), join(more, `added-${file}`));
  expect(await dropAndWait(page, [more])).toContain('10 added');
  await expect(page.getByLabel('Split for Person 01')).toHaveText(/train 14\s*val 4\s*test 2/);
  await card(page, 'Person 01').getByRole('button', { name: 'Show more (12 of 20 shown)' }).click();
  const after = await titles();
  expect(after).toHaveLength(20);
  for (const title of before) expect(after).toContain(title);
});

test('evaluate a trained run: figures, charts, a moving threshold, and a stored result', async ({
  page,
}) => {
  await loadSampleFaces(page);
  await openTrain(page, 'wasm');
  await fillTinyConfig(page, 15);
  await page.getByLabel('Width multiplier').fill('0.125');
  await page.getByLabel('Embedding size').fill('64');
  await page.getByLabel('Warm-up epochs').fill('1');
  await page.getByLabel('Learning rate').fill('0.003');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });

  await page.getByRole('tab', { name: 'Evaluate' }).click();
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByTestId('evaluation-status')).toContainText('Evaluated', {
    timeout: 60_000,
  });
  const figures = page.getByRole('region', { name: 'Evaluation figures' });
  await expect(figures).toContainText('8 people · 48 train, 16 val, 16 test images');
  for (const metric of [
    'Identification top-1',
    'ROC AUC',
    'TAR at FAR 1e-2',
    'Equal error rate',
    'Balanced accuracy',
  ]) {
    await expect(page.locator(`[data-metric="${metric}"]`)).toHaveText(/^\d/);
  }
  for (const chart of [
    'ROC curve',
    'Similarity distributions',
    'Embedding map',
    'Confusion matrix',
    'Hardest pairs',
  ]) {
    await expect(
      page.getByRole(
        chart === 'Confusion matrix' || chart === 'Hardest pairs' ? 'region' : 'figure',
        { name: chart },
      ),
    ).toBeVisible();
  }
  // The charts mount one after another (ChartFrame): each is drawn in the end, the embedding
  // map with a point for every test face.
  const map = page.getByRole('figure', { name: 'Embedding map' });
  const mapPoints = map.locator('circle.embedding-point');
  await expect(mapPoints.first()).toBeVisible({ timeout: 30_000 });
  expect(await mapPoints.count()).toBeGreaterThan(1);
  // Each point names its person on hover (its SVG title), with its place on the two axes.
  await expect(mapPoints.first().locator('title')).toHaveText(/^\S.* \(-?\d\.\d\d, -?\d\.\d\d\)$/);
  await expect(
    page.getByRole('figure', { name: 'ROC curve' }).locator('.recharts-line'),
  ).toBeVisible();
  await map.screenshot({ path: test.info().outputPath('embedding-map.png') });
  const rates = page.getByTestId('threshold-rates');
  const slider = page.getByLabel(/Similarity threshold/);
  await slider.fill('0.995');
  await expect(rates).toContainText('strangers accepted 0.0 %');
  await slider.fill('-1');
  await expect(rates).toContainText('same person accepted 100.0 % · strangers accepted 100.0 %');

  // Reopened after a reload, the evaluation (and the moved threshold) is read back, not recomputed.
  await page.reload();
  await page.getByRole('tab', { name: 'Evaluate' }).click();
  await expect(page.getByTestId('evaluation-status')).toContainText('Evaluated');
  await expect(page.getByLabel(/Similarity threshold/)).toHaveValue('-1');
  await expect(page.getByRole('button', { name: 'Evaluate again' })).toBeVisible();

  // Verify: photos of a trained person are mostly named as that person, and score higher for
  // "verify as Person 01" than a stranger's photos do; a non-image is refused. A tiny network
  // trained for seconds is not expected to be right on every photo, so the checks are over ten.
  await page.getByLabel(/Similarity threshold/).fill('0.3');
  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByLabel('Verify as').selectOption('Person 01');
  const check = async (path: string) => {
    const { headline, claimed } = await checkPhoto(page, path);
    return {
      path,
      headline: headline ?? '',
      claimed: Number(/similarity (-?\d\.\d{3})/.exec(claimed ?? '')?.[1]),
    };
  };
  const own = [];
  const strangers = [];
  for (let i = 1; i <= 10; i++) {
    own.push(await check(`${ORL}/s1/${i}.png`));
    strangers.push(await check(`${ORL}/s30/${i}.png`));
  }
  const withFace = (xs: { claimed: number }[]) => xs.filter((x) => Number.isFinite(x.claimed));
  const mean = (xs: { claimed: number }[]) =>
    withFace(xs).reduce((sum, x) => sum + x.claimed, 0) / withFace(xs).length;
  const named = own.filter((r) => /^Person 01 ·/.test(r.headline)).length;
  console.log(
    `verify: faces found in ${withFace(own).length}/10 own and ${withFace(strangers).length}/10 stranger photos; ${named}/10 named Person 01; mean similarity to Person 01: own ${mean(own).toFixed(3)}, stranger ${mean(strangers).toFixed(3)}`,
  );
  expect(withFace(own).length).toBeGreaterThanOrEqual(8);
  expect(withFace(strangers).length).toBeGreaterThanOrEqual(8);
  expect(named).toBeGreaterThanOrEqual(5);
  expect(mean(own)).toBeGreaterThan(mean(strangers));
  const accepted = own.find((r) => r.claimed >= 0.3);
  expect(accepted, 'at least one own photo is accepted as Person 01').toBeDefined();
  await page.getByLabel(/Photo to check/).setInputFiles(accepted?.path ?? '');
  await expect(page.getByTestId('verify-as-result')).toContainText('Accepted as Person 01');
  await page.getByLabel(/Photo to check/).setInputFiles({
    name: 'notes.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('not a photo at all'),
  });
  await expect(page.getByRole('alert')).toContainText('not an image');
});

test('the recommended pretrained encoder trains in seconds on the sample faces and tells the people apart', async ({
  page,
}) => {
  await loadSampleFaces(page);
  await openTrain(page, 'auto');
  await expect(page.getByLabel('Backbone')).toHaveValue('face-api-frozen');
  await expect(page.getByLabel('Input size')).toHaveCount(0);
  const started = Date.now();
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });
  const seconds = (Date.now() - started) / 1000;
  await expect(
    page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1),
  ).toContainText('pretrained encoder');

  await page.getByRole('tab', { name: 'Evaluate' }).click();
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByTestId('evaluation-status')).toContainText('Evaluated', {
    timeout: 60_000,
  });
  const top1 = Number.parseFloat(
    (await page.locator('[data-metric="Identification top-1"]').textContent()) ?? '',
  );
  const auc = Number.parseFloat(
    (await page.locator('[data-metric="ROC AUC"]').textContent()) ?? '',
  );
  console.log(
    `pretrained on the sample faces: trained in ${seconds.toFixed(0)} s, test top-1 ${top1} %, AUC ${auc}`,
  );
  // 8 people, 16 test photos (grey, low-resolution ORL faces; chance is 12.5 %): measured 69–100 %
  // top-1 and AUC 0.89–0.99 over runs here; on LFW faces this mode reaches 99 % (see the README).
  expect(top1).toBeGreaterThanOrEqual(50);
  expect(auc).toBeGreaterThan(0.8);

  // Verify names the photos of a trained person (most of them: three of ten are test photos).
  await page.getByRole('tab', { name: 'Verify' }).click();
  let named = 0;
  for (let i = 1; i <= 10; i++) {
    if (/^Person 02 ·/.test((await checkPhoto(page, `${ORL}/s2/${i}.png`)).headline ?? '')) named++;
  }
  console.log(`pretrained verify: ${named}/10 of Person 02's photos named`);
  expect(named).toBeGreaterThanOrEqual(6);
  await expect(
    page.getByRole('img', { name: 'The aligned face the network compared' }),
  ).toBeVisible();
});

test('pause and stop act while the pretrained encoder computes its features', async ({ page }) => {
  await loadSampleFaces(page);
  // On the plain CPU backend the encoder takes ~0.4 s a face: the preparation lasts about a minute.
  await openTrain(page, 'cpu');
  await expect(page.getByLabel('Backbone')).toHaveValue('face-api-frozen');
  await page.getByRole('button', { name: 'Start training' }).click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveText(/Computing the pretrained encoder’s features: \d+ %…/, {
    timeout: 60_000,
  });
  const progress = page.getByRole('progressbar', {
    name: 'Computing the pretrained encoder’s features',
  });
  await expect(progress).toBeVisible();

  // Pause and Stop are taken between batches of 8 faces (and their mirror images): seconds on CPU.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveText('Paused.', { timeout: 30_000 });
  await page.waitForTimeout(1000);
  const settled = await progress.getAttribute('value');
  await page.waitForTimeout(2000);
  expect(await progress.getAttribute('value')).toBe(settled);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toHaveText(/Computing the pretrained encoder’s features/);
  const stopAsked = Date.now();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toHaveText(
    'Training stopped before its first epoch ended; no checkpoint was saved.',
    { timeout: 30_000 },
  );
  console.log(
    `stop during feature extraction took effect in ${((Date.now() - stopAsked) / 1000).toFixed(1)} s`,
  );
  // Stopped before training began, the run was not stored: after a reload, the Train screen
  // lists no past run (the list is absent when empty) and offers nothing to resume.
  await page.reload();
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByTestId('backend-name')).toContainText('Training on', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Start training' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Past runs' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Interrupted run' })).toHaveCount(0);
});
