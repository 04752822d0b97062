// `npm run eval`: the whole pipeline on any folder of faces, through the app itself. Serves the
// production build, drives headless Chromium, drops the folder (`<identity>/<image>`) through
// the app's own import path, trains with the app's worker, evaluates with the Evaluate screen,
// downloads its folder-v1 report and prints it as one JSON object (progress goes to stderr).
//
//   npm run eval -- --task cluster --data <folder> [--cap 40]   (scripts/eval-labelling.mjs)
//   npm run eval -- --task suspects --data <folder> [--cap 40] [--noise 0.05] [--seed 42]
//   npm run eval -- --data <folder> [--unknown <folder> | --unknown-below <n>] [--far 0.01]
//     [--shots 1,2,3,5,10] [--cap 40] [--mode pretrained-frozen|pretrained-finetune|from-scratch|encoder-only] [--preset pretrained|finetune|scratch|seed|quick] [--size 64] [--epochs 30] [--backbone resnet18]
//     [--backend auto|wasm|webgl|webgpu|cpu] [--width 0.5] [--embedding 256] [--head arcface]
//     [--scale 32] [--margin 0.3] [--smoothing 0.1] [--opt adam] [--lr 0.001] [--momentum 0.9]
//     [--batch 32] [--warmup 1] [--weight-decay 0.0005] [--seed 42] [--flip on|off]
//     [--split split.json] [--json out.json] [--no-build] [--live-verify <seconds>] [--profile] [--trace]
// The whole training configuration is built here, before anything slow starts, from the mode's
// (or preset's) settings and the flags (scripts/eval-options.mjs, with the app's own presets and
// validateConfig), and handed to the Train screen as JSON through its "Settings as JSON" panel.
// An unknown flag is refused; a flag the chosen mode does not use is refused where it would change
// what is measured (--backbone with --mode, training flags with encoder-only) and otherwise
// left out with a note (--size and --width with the pretrained encoder, --momentum with Adam,
// --scale and --margin with the softmax head). Nothing here depends on which data set is given:
// only its folder layout. --mode encoder-only is the untrained baseline: no training; the
// studio's stored crops (its dataset zip) are embedded by the pretrained encoder alone in
// model-check.html (a test page, built apart into dist-test-pages/ and served by a second
// preview) and scored by the same folder-v1 code. The report gains the main thread's
// longest task (PerformanceObserver 'longtask') and the count of tasks over 50 ms during
// training and during evaluation.
// Strangers (issue 17): --unknown <folder> (<stranger>/<image>, or loose images) is dropped into
// the Dataset screen's Strangers collection through the app's own import; --unknown-below <n>
// makes the people of --data with fewer than n photos strangers instead (the cap applies to
// them too). The report then carries the open-set fields: the threshold chosen on val strangers
// at --far (default 1 %), DIR at FAR 1 % and 0.1 %, and the learning curve at --shots.
// --mode encoder-only gives the same fields for the encoder alone.
// Models trained elsewhere (issue 18): --model <file.onnx | model.json | tfjs.zip> imports the
// model through the Export screen's "Import a model" panel instead of training (a model.json
// brings the weight files its manifest names from its folder; a metadata.json beside the model,
// or `<name>.metadata.json`, sets how it is fed, else the settings the form suggests are used and
// printed), then evaluates it as an imported run like any other.
//   npm run eval -- --data <folder> --model <file> [--unknown … | --unknown-below …] [--split …]
// --export-onnx <out.onnx> saves the trained run's network, as the Export screen's "Download ONNX
// model" writes it, after its evaluation (so its metadata carries the templates and threshold):
// the file --model then evaluates again as an imported model. --export-dataset <out.zip> saves
// the dataset zip (the studio's aligned crops, its split in manifest.json) once the data is in,
// as "Download dataset (zip)" writes it: what trainer/train.py trains on.
// The main thread (issue 16): the report has the longest long task and the count of tasks over
// 50 ms during the import, training and evaluation (scripts/eval-main-thread.mjs);
// --live-verify <seconds> then runs live Verify that long on Chromium's fake camera playing the
// first person's first JPEG, and adds its median frames per second, the share of checks that
// named that person, and its long tasks; --profile logs the main thread's costliest functions
// during each phase (Chrome DevTools Protocol CPU profile); --trace writes a Chromium trace of
// each phase (every thread's tasks, and what the browser did in them) to the temp folder.

import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  BACKENDS,
  buildTrainConfig,
  labellingTaskErrors,
  loadConfigModule,
  modelFlagErrors,
  openSetOptions,
  parseFlags,
} from './eval-options.mjs';
import { waitForCss } from './wait-for-css.mjs';

const IMAGE = /\.(jpe?g|png|gif|bmp|webp)$/i;
const fail = (message) => {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(1);
};
const log = (message) =>
  process.stderr.write(`[eval ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// Every flag is checked, and the training configuration built, before anything slow (staging,
// build, import) starts.
let flags;
try {
  flags = parseFlags(process.argv.slice(2));
} catch (error) {
  fail(error.message);
}
const option = (name, fallback) => flags.get(name) ?? fallback;

const data = option('data');
if (!data) fail('--data <folder> is required (a folder of <identity>/<image> files).');
const root = resolve(data);
if (!existsSync(root) || !statSync(root).isDirectory()) fail(`${root} is not a folder.`);
const cap = Number(option('cap', '40'));
if (!Number.isInteger(cap) || cap < 1)
  fail(`--cap must be a whole number of images per person, at least 1 (got ${option('cap')}).`);
const backend = option('backend', 'auto');
if (!BACKENDS.includes(backend)) fail(`--backend must be one of ${BACKENDS.join(', ')}.`);
const mode = option('mode');
const task = option('task', 'train');
const taskErrors = [...labellingTaskErrors(flags), ...modelFlagErrors(flags)];
if (taskErrors.length > 0) fail(taskErrors.join('\neval: '));
if (flags.has('live-verify')) {
  const seconds = Number(option('live-verify'));
  if (!(seconds > 0))
    fail(`--live-verify takes a number of seconds, not ${option('live-verify')}.`);
  if (task !== 'train' || mode === 'encoder-only')
    fail('--live-verify verifies with the run this command trains or imports; this task has none.');
}
const modelFiles = flags.has('model') ? modelFilesOf(resolve(option('model'))) : null;
const { runnerImport } = await import('vite');
const { TARGET_FARS } = (
  await runnerImport(`${process.cwd()}/src/ml/metrics/open-set-evaluation.ts`)
).module;
const openSet = openSetOptions(flags, TARGET_FARS);
if (openSet.errors.length > 0) fail(openSet.errors.join('\neval: '));
const unknownRoot = flags.has('unknown') ? resolve(option('unknown')) : null;
if (unknownRoot && !(existsSync(unknownRoot) && statSync(unknownRoot).isDirectory()))
  fail(`--unknown ${unknownRoot} is not a folder.`);
if (unknownRoot && unknownRoot === root)
  fail('--unknown is the --data folder: strangers must be other people than those enrolled.');
if (flags.has('unknown') && flags.has('unknown-below'))
  fail('--unknown and --unknown-below both choose the strangers; give one.');
if (flags.has('split') && (flags.has('unknown') || flags.has('unknown-below')))
  fail('--split fixes the parts of the people it lists; strangers cannot be added to it here.');
let trainConfig = null;
if (task === 'train' && !modelFiles) {
  const plan = buildTrainConfig(flags, await loadConfigModule(process.cwd()));
  for (const note of plan.notes) process.stderr.write(`eval: note: ${note}\n`);
  if (plan.errors.length > 0) fail(plan.errors.join('\neval: '));
  trainConfig = plan.config;
  if (trainConfig) log(`training settings (${plan.start}): ${JSON.stringify(trainConfig)}`);
}
const { chromium } = await import('@playwright/test');
const { dropPaths } = await import('./drop-paths.mjs');
const { CHROMIUM_ARGS, findChromium } = await import('./find-chromium.mjs');
const { startPreview } = await import('./preview-server.mjs');
const { liveVerify, mainThreadPhase, observeLongTasks } = await import('./eval-main-thread.mjs');
const { zipSync } = await import('fflate');

/**
 * The files `--model` stands for: a .onnx file or a TF.js zip alone, or model.json with the
 * weight files its manifest names (from its folder); with a metadata.json beside it, if any.
 */
function modelFilesOf(path) {
  if (!existsSync(path) || !statSync(path).isFile()) fail(`--model ${path} is not a file.`);
  const folder = resolve(path, '..');
  const files = [path];
  if (/model\.json$/i.test(path)) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')).weightsManifest;
    } catch (error) {
      fail(`--model ${path}: not readable JSON (${error.message}).`);
    }
    for (const group of manifest ?? [])
      for (const weights of group.paths ?? []) files.push(join(folder, weights));
  } else if (!/\.(onnx|zip)$/i.test(path)) {
    fail(`--model ${path}: expected a .onnx file, a TF.js model.json or the studio's TF.js zip.`);
  }
  const stem = path.replace(/\.[^./\\]+$/, '');
  const metadata = [
    `${stem}.metadata.json`,
    `${stem}-metadata.json`,
    join(folder, 'metadata.json'),
  ];
  const beside = metadata.find((candidate) => existsSync(candidate) && candidate !== path);
  if (beside && !/\.zip$/i.test(path)) files.push(beside);
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) fail(`--model: ${missing.join(', ')} not found.`);
  return files;
}

// Protocol folder-v1 steps 1–2: identities and images sorted by name; per identity a seeded
// shuffle (seed 42, the app's own generator) keeps at most `cap` images.
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const identities = readdirSync(root)
  .filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory())
  .sort()
  .map((name) => ({
    name,
    files: readdirSync(join(root, name))
      .filter((f) => IMAGE.test(f))
      .sort(),
  }))
  .filter((identity) => identity.files.length > 0);
const below = flags.has('unknown-below') ? Number(option('unknown-below')) : 0;
// --unknown-below: the people with fewer photos are strangers, not enrolled.
const strangerPeople = identities.filter((identity) => identity.files.length < below);
identities.splice(
  0,
  identities.length,
  ...identities.filter((identity) => identity.files.length >= below),
);
if (unknownRoot) {
  const loose = readdirSync(unknownRoot)
    .filter((f) => IMAGE.test(f) && statSync(join(unknownRoot, f)).isFile())
    .sort();
  if (loose.length > 0) strangerPeople.push({ name: '', files: loose, root: unknownRoot });
  for (const name of readdirSync(unknownRoot).sort()) {
    if (name.startsWith('.') || !statSync(join(unknownRoot, name)).isDirectory()) continue;
    const files = readdirSync(join(unknownRoot, name))
      .filter((f) => IMAGE.test(f))
      .sort();
    if (files.length > 0) strangerPeople.push({ name, files, root: unknownRoot });
  }
  if (strangerPeople.length === 0) fail(`--unknown ${unknownRoot} holds no images.`);
  const enrolledNames = new Set(identities.map((identity) => identity.name));
  const both = strangerPeople.filter((stranger) => enrolledNames.has(stranger.name));
  if (both.length > 0)
    fail(
      `--unknown and --data both hold ${both.map((s) => s.name).join(', ')}: a stranger must not be an enrolled person.`,
    );
}
if (identities.length === 0) fail(`${root} has no <identity>/<image> folders with images.`);
if (identities.length < 2)
  fail(`${root} has only one identity (${identities[0].name}); at least two are needed.`);

const staged = mkdtempSync(join(tmpdir(), 'face-studio-eval-'));

/** Copies at most `cap` of each person's files (seeded shuffle, seed 42) to `to/<name>/`. */
function stageCapped(people, to) {
  let count = 0;
  for (const person of people) {
    const random = seeded(42);
    const files = person.files.slice();
    for (let i = files.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [files[i], files[j]] = [files[j], files[i]];
    }
    mkdirSync(join(to, person.name), { recursive: true });
    for (const file of files.slice(0, cap)) {
      copyFileSync(join(person.root ?? root, person.name, file), join(to, person.name, file));
      count++;
    }
  }
  return count;
}

/**
 * --live-verify's camera: a video (Chromium's fake camera) of the first person's first JPEG
 * photo that makes one, written under the staging folder.
 */
async function fakeCamera() {
  const { writeFakeCameraVideo } = (await runnerImport(`${process.cwd()}/e2e/fake-camera.ts`))
    .module;
  const file = join(staged, 'camera.y4m');
  const person = identities[0];
  for (const photo of person.files.filter((name) => /\.jpe?g$/i.test(name))) {
    try {
      writeFakeCameraVideo(join(root, person.name, photo), file);
      log(`the fake camera shows ${person.name}/${photo}`);
      return { file, person: person.name };
    } catch (error) {
      log(`not for the fake camera: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  fail(`--live-verify needs a baseline JPEG photo of at most 440×360 in ${person.name}/.`);
}

const dropRoot = join(staged, 'data');
const imageCount = stageCapped(identities, dropRoot);
log(`${identities.length} identities, ${imageCount} images (cap ${cap}) staged`);
// Strangers: under strangers/<stranger>/ (loose ones at its top), capped the same way.
const strangersRoot = join(staged, 'strangers');
const strangerCount = stageCapped(strangerPeople, strangersRoot);
if (strangerPeople.length > 0)
  log(`${strangerPeople.length} strangers, ${strangerCount} images (cap ${cap}) staged`);

// --split split.json (from ../shared/reference/folder_v1.py split): exactly those images in
// exactly those parts. They go in as a dataset zip whose manifest names each image's part,
// through the Export screen's dataset import (the app keeps a manifest's parts).
const splitFile = option('split');
let splitZip = null;
if (splitFile !== undefined) {
  let split;
  try {
    split = JSON.parse(readFileSync(splitFile, 'utf8'));
  } catch (error) {
    fail(`--split ${splitFile}: not readable JSON (${error.message}).`);
  }
  if (
    !Array.isArray(split.identities) ||
    !['train', 'val', 'test'].every((part) => Array.isArray(split[part]))
  ) {
    fail(
      `--split ${splitFile}: expected { identities, train, val, test } as written by folder_v1.py split.`,
    );
  }
  const entries = {};
  const images = [];
  for (const part of ['train', 'val', 'test']) {
    for (const [path, label] of split[part]) {
      const identity = split.identities[label];
      const file = path.split(/[\\/]/).pop();
      const candidates = [resolve(path), join(root, identity ?? '', file)];
      const source = candidates.find((candidate) => existsSync(candidate));
      if (!identity || !source)
        fail(`--split: ${path} (person ${label}) is not found under ${root}.`);
      const bytes = readFileSync(source);
      if (entries[`${identity}/${file}`]) fail(`--split: ${identity}/${file} is listed twice.`);
      entries[`${identity}/${file}`] = [new Uint8Array(bytes), { level: 0 }];
      images.push({
        path: `${identity}/${file}`,
        identity,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        split: part,
      });
    }
  }
  const manifest = {
    format: 'face-studio-dataset',
    version: 1,
    appVersion: 'eval',
    createdAt: new Date().toISOString(),
    identities: split.identities.map((name) => ({ name, folder: name })),
    images,
  };
  entries['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
  splitZip = join(staged, 'split-dataset.zip');
  writeFileSync(splitZip, zipSync(entries));
  log(
    `--split: ${split.train.length} train, ${split.val.length} val, ${split.test.length} test images of ${split.identities.length} people, as given`,
  );
}

if (!flags.has('no-build')) {
  const builds = mode === 'encoder-only' ? [[], ['--mode', 'test-pages']] : [[]];
  for (const extra of builds) {
    // Profiling reads function names, which minifying would shorten to letters.
    const names = flags.has('profile') ? ['--minify', 'false'] : [];
    const build = spawnSync('npx', ['vite', 'build', ...extra, ...names, '--logLevel', 'warn'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      // Vite's runnerImport (above) set NODE_ENV to development in this process; a build that
      // inherited it would bundle React's development build, several times slower on the main
      // thread than what users get.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (build.status !== 0) fail('the build failed.');
  }
}

/** Thrown to leave the pipeline early once a report is printed (encoder-only). */
class Done extends Error {}

/**
 * Hands the whole training configuration to the Train screen through its "Settings as JSON"
 * panel, and checks that the form now holds exactly it (the panel's refusal is the error).
 */
async function applyTrainConfig(page, config) {
  const panel = page.getByTestId('config-json');
  await panel.locator('summary').click();
  const box = panel.getByLabel('Training settings (JSON)', { exact: true });
  await box.fill(JSON.stringify(config, null, 2));
  await panel.getByRole('button', { name: 'Apply settings', exact: true }).click();
  const refused = panel.getByRole('alert');
  await Promise.race([
    refused.waitFor({ timeout: 30_000 }),
    panel.getByRole('status').filter({ hasText: 'Settings applied.' }).waitFor({ timeout: 30_000 }),
  ]);
  if (await refused.isVisible())
    throw new Error(`the Train screen refused the settings: ${await refused.textContent()}`);
  const held = JSON.parse(await box.inputValue());
  if (!isDeepStrictEqual(held, config))
    throw new Error(
      `the Train screen holds other settings than those sent: ${JSON.stringify(held)}`,
    );
}

/** --far and --shots on the Evaluate screen, before it evaluates. */
async function setOpenSetOptions(page) {
  if (openSet.far !== null)
    await page
      .getByLabel('Strangers allowed a name (target FAR)', { exact: true })
      .selectOption(String(openSet.far))
      .catch(async () => {
        throw new Error(
          `the Evaluate screen offers no target FAR of ${openSet.far} (it offers ${(await page.getByLabel('Strangers allowed a name (target FAR)').locator('option').allTextContents()).join(', ')}).`,
        );
      });
  if (openSet.shots !== null) {
    const box = page.getByLabel('Learning curve: photos per person', { exact: true });
    await box.fill(openSet.shots.join(', '));
    await box.blur();
  }
}

function printReport(report) {
  const line = JSON.stringify(report);
  console.log(line);
  const out = option('json');
  if (out) writeFileSync(out, `${line}\n`);
}

/**
 * The untrained baseline: the studio's crops (and its Strangers), downloaded as its project file,
 * in model-check.html.
 */
async function encoderOnly(page, backend) {
  await page.getByRole('tab', { name: 'Export' }).click();
  const download = page.waitForEvent('download', { timeout: 30 * 60_000 });
  await page.getByRole('button', { name: 'Download project file', exact: true }).click();
  const zipPath = await (await download).path();
  log('project file with the stored crops saved; embedding with the encoder alone…');
  const check = await page.context().browser().newPage();
  check.on('pageerror', (error) => log(`model-check page error: ${error.message}`));
  await check.route('**/eval-data/project.zip', (route) =>
    route.fulfill({ path: zipPath, contentType: 'application/zip' }),
  );
  await check.goto(`${testPages.url}/model-check.html`);
  await check.locator('#output').filter({ hasText: 'Ready' }).waitFor({ timeout: 120_000 });
  const report = await check.evaluate(
    ([b, url, far, shots]) =>
      globalThis.modelCheck.encoderBaseline(b, url, far ?? undefined, shots ?? undefined),
    [backend, '/eval-data/project.zip', openSet.far, openSet.shots],
  );
  printReport({ ...report, backend });
}

/**
 * Imports `files` as a model on the Export screen, with the settings its metadata (or the form)
 * gives; answers the name it is listed under.
 */
async function importModelThroughUi(page, files) {
  log(`importing the model ${files.map((file) => file.split(/[\\/]/).pop()).join(' + ')}…`);
  await page.getByRole('tab', { name: 'Export' }).click();
  const panel = page.getByRole('region', { name: 'Model import' });
  await panel.getByTestId('model-import-input').setInputFiles(files);
  const add = panel.getByRole('button', { name: 'Add model', exact: true });
  const refused = panel.getByRole('alert');
  await Promise.race([
    add.waitFor({ timeout: 10 * 60_000 }),
    refused.waitFor({ timeout: 10 * 60_000 }),
  ]);
  if (await refused.isVisible()) throw new Error(`${await refused.textContent()}`);
  const field = (label) => panel.getByLabel(label, { exact: true });
  const chosen = (label) => field(label).locator('option:checked').textContent();
  const settings = [
    `input ${await field('Input (face crop)').inputValue()}`,
    `output ${await field('Output (embedding)').inputValue()}`,
    `size ${await field('Input size (pixels)').inputValue()}`,
    `values ${await chosen('Value range')}`,
    await field('Channel layout').inputValue(),
    await field('Colour order').inputValue(),
    `mirror average ${await panel.getByRole('checkbox').isChecked()}`,
  ].join(', ');
  log((await panel.locator('.model-import-form > p').first().textContent()) ?? '');
  log(`settings: ${settings}`);
  const name = await panel.getByLabel('Name', { exact: true }).inputValue();
  await add.click();
  const status = panel.getByTestId('model-import-status').filter({ hasText: /^Added / });
  await Promise.race([
    status.waitFor({ timeout: 10 * 60_000 }),
    refused.waitFor({ timeout: 10 * 60_000 }),
  ]);
  if (await refused.isVisible()) throw new Error(`${await refused.textContent()}`);
  log((await status.textContent()) ?? '');
  return name;
}

/** A report's fields for one phase's main-thread long tasks. */
const taskFields = (phase, tasks) => ({
  [`main_longest_task_ms_${phase}`]: tasks.longest,
  [`main_tasks_over_50ms_${phase}`]: tasks.count,
});

/**
 * Evaluates on the Evaluate screen (the run named `chooseRun`, else the one it shows) and
 * prints its report, with the main thread's long tasks during the import, the training (the
 * phase `training`, ended here) and the evaluation, and with --live-verify a live-Verify run.
 */
async function evaluateAndReport(page, { training, chooseRun }) {
  const train = training ? await training.end() : null;
  if (train) log(`training finished (main thread: longest task ${train.longest} ms); evaluating…`);
  await page.getByRole('tab', { name: 'Evaluate' }).click();
  if (chooseRun) {
    const picker = page.getByLabel('Run', { exact: true });
    const option = picker.locator('option').filter({ hasText: chooseRun }).first();
    await picker.selectOption((await option.getAttribute('value')) ?? '');
  }
  await setOpenSetOptions(page);
  const evaluating = await mainThreadPhase(page, 'the evaluation', mainThreadOptions);
  await page.getByRole('button', { name: /^Evaluate/ }).click();
  await page
    .getByTestId('evaluation-status')
    .filter({ hasText: 'Evaluated' })
    .waitFor({ timeout: 60 * 60_000 });
  const evaluation = await evaluating.end();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download report (JSON)' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  const live =
    liveSeconds > 0
      ? await liveVerify(page, {
          seconds: liveSeconds,
          expected: cameraPerson,
          ...mainThreadOptions,
        })
      : {};
  printReport({
    ...report,
    ...(importTasks ? taskFields('import', importTasks) : {}),
    ...(train ? taskFields('train', train) : {}),
    ...taskFields('eval', evaluation),
    ...live,
  });
}

const mainThreadOptions = { profile: flags.has('profile'), trace: flags.has('trace'), log };
const liveSeconds = flags.has('live-verify') ? Number(option('live-verify')) : 0;
/** Main-thread long tasks while the data was dropped (not with --split, which imports a zip). */
let importTasks = null;
const camera = liveSeconds > 0 ? await fakeCamera() : null;
const cameraPerson = camera?.person ?? '';

const server = await startPreview();
const testPages = mode === 'encoder-only' ? await startPreview({ testPages: true }) : null;
const browser = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  args: camera
    ? [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${camera.file}`,
      ]
    : CHROMIUM_ARGS,
});
let exitCode = 0;
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.addInitScript(observeLongTasks);
  await page.goto(server.url);
  await page.getByText(/(person|people) · \d+ images?/).waitFor();

  if (task !== 'train') {
    const { clusterTask, suspectsTask } = await import('./eval-labelling.mjs');
    const run = task === 'cluster' ? clusterTask : suspectsTask;
    printReport(
      await run(page, {
        dropRoot,
        staged,
        identities,
        noise: Number(option('noise', '0.05')),
        seed: Number(option('seed', '42')),
        log,
      }),
    );
    throw new Done();
  }

  if (splitZip) {
    log('importing the split as a dataset zip…');
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByTestId('dataset-zip-input').setInputFiles(splitZip);
    const status = page.getByTestId('dataset-import-status');
    const failed = page.getByRole('region', { name: 'Dataset import' }).getByRole('alert');
    await Promise.race([
      status.filter({ hasText: /Imported \d+ of \d+ images/ }).waitFor({ timeout: 30 * 60_000 }),
      failed.waitFor({ timeout: 30 * 60_000 }),
    ]);
    if (await failed.isVisible())
      throw new Error(`the split's zip was refused: ${await failed.textContent()}`);
    const line = (await status.locator('p').first().textContent()) ?? '';
    log(line);
    const [, added, total] = /Imported (\d+) of (\d+)/.exec(line) ?? [];
    if (added !== total)
      throw new Error(
        `only ${added} of ${total} images of the split were imported (duplicates or damaged files); the split would not be the one given.`,
      );
  } else {
    log('importing through the drop path…');
    const importing = await mainThreadPhase(page, 'the import', mainThreadOptions);
    const importStarted = Date.now();
    await dropPaths(page, page.getByTestId('drop-zone'), [dropRoot]);
    // Not a locator's wait, whose polls run Playwright's selector engine on the page's main thread
    // (wait-for-css.mjs): the import's long tasks would count that as the studio's.
    const summary = await waitForCss(page, 'section[aria-label="Import summary"]', 30 * 60_000);
    importTasks = await importing.end();
    log(
      `${(await summary.locator('h2').textContent()) ?? ''} (${((Date.now() - importStarted) / 1000).toFixed(1)} s)`,
    );
  }
  if (strangerCount > 0) {
    log('importing the strangers through the Strangers collection…');
    const strangersRegion = page.getByRole('region', { name: 'Strangers' });
    await strangersRegion.scrollIntoViewIfNeeded();
    await dropPaths(page, strangersRegion, [strangersRoot]);
    const summary = page
      .getByRole('region', { name: 'Import summary' })
      .filter({ hasText: /to Strangers/ });
    await summary.waitFor({ timeout: 30 * 60_000 });
    log((await summary.locator('h2').textContent()) ?? '');
    log((await strangersRegion.getByTestId('strangers-count').textContent()) ?? '');
  }

  if (flags.has('export-dataset')) {
    await page.getByRole('tab', { name: 'Export' }).click();
    const download = page.waitForEvent('download', { timeout: 30 * 60_000 });
    await page.getByRole('button', { name: 'Download dataset (zip)', exact: true }).click();
    const out = resolve(option('export-dataset'));
    await (await download).saveAs(out);
    log(`the dataset zip saved as ${out}`);
  }

  await page.getByRole('tab', { name: 'Train' }).click();
  await page
    .getByTestId('backend-name')
    .filter({ hasText: 'Training on' })
    .waitFor({ timeout: 120_000 });
  if (backend !== 'auto') {
    await page.getByLabel('Backend', { exact: true }).selectOption(backend);
    await page.getByText('Chosen by you.').waitFor({ timeout: 120_000 });
  }
  log(`${await page.getByTestId('backend-name').textContent()}`);
  if (modelFiles) {
    const name = await importModelThroughUi(page, modelFiles);
    await evaluateAndReport(page, { training: null, chooseRun: name });
    throw new Done();
  }
  if (mode === 'encoder-only') {
    await encoderOnly(page, backend === 'auto' ? 'wasm' : backend);
    throw new Done();
  }
  await applyTrainConfig(page, trainConfig);
  const start = page.getByRole('button', { name: 'Start training' });
  if (await start.isDisabled()) {
    const reasons = await page.locator('.config-form .field-error').allTextContents();
    throw new Error(`the Train screen refused the settings: ${reasons.join('; ')}`);
  }
  const training = await mainThreadPhase(page, 'training', mainThreadOptions);
  await start.click();
  let lastLine = '';
  const status = page.getByTestId('run-status');
  for (;;) {
    const text = (await status.textContent()) ?? '';
    if (/Training finished|Training stopped/.test(text)) break;
    const failure = page.locator('.run-controls [role="alert"]');
    if (await failure.count()) throw new Error(`training failed: ${await failure.textContent()}`);
    const line =
      (await page
        .locator('.run-controls p.muted')
        .textContent()
        .catch(() => '')) ?? '';
    if (line && line !== lastLine) {
      log(line);
      lastLine = line;
    }
    await page.waitForTimeout(5000);
  }
  await evaluateAndReport(page, { training });
  if (flags.has('export-onnx')) {
    await page.getByRole('tab', { name: 'Export' }).click();
    const download = page.waitForEvent('download', { timeout: 10 * 60_000 });
    await page.getByRole('button', { name: 'Download ONNX model', exact: true }).click();
    const out = resolve(option('export-onnx'));
    await (await download).saveAs(out);
    log(`the run's network saved as ${out}`);
  }
} catch (error) {
  if (!(error instanceof Done)) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
} finally {
  await browser.close();
  server.stop();
  testPages?.stop();
}
process.exit(exitCode);
