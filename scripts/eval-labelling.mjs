// `npm run eval -- --task cluster|suspects`: the encoder's labelling help measured through the
// app's own UI, on a folder of `<person>/<image>` files whose names the app never sees for the
// cluster task.
//   cluster: every staged photo is copied under an anonymous name (photo-00001.jpg …) and dropped
//     loose, so each face goes to Unsorted; "Group similar faces" groups them; the groups are
//     read off the screen and scored with BCubed against the people (each photo's largest face
//     carries the photo's person; the other faces of a photo, background people, have no truth
//     and are counted as extra_faces, not scored).
//   suspects: the folders are imported with their names; a seeded share (--noise) of images is
//     moved to a wrong person with the selection bar's Move to, as a user would; "Find suspect
//     labels" ranks every image; precision and recall of its top k (k = flipped, 2 × flipped)
//     and the ROC AUC of its score for flipped against untouched images.
// The scoring is the app's own (src/ml/labelling/bcubed.ts, suspect-metrics.ts).

import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dropPaths } from './drop-paths.mjs';

async function appModule(path) {
  const { runnerImport } = await import('vite');
  return (await runnerImport(`${process.cwd()}/${path}`)).module;
}

/** Clicks every "Show more" inside `scope` until none is left. */
async function showAll(scope, name = /^Show more/) {
  for (;;) {
    const more = scope.getByRole('button', { name });
    if ((await more.count()) === 0) return;
    await more.first().click();
  }
}

async function importSummary(page, log) {
  const summary = page.getByRole('region', { name: 'Import summary' });
  await summary.waitFor({ timeout: 60 * 60_000 });
  log((await summary.locator('h2').textContent()) ?? '');
  const noFace = await summary.locator('[data-code="no-face"]').count();
  await page.getByRole('button', { name: 'Close summary' }).click();
  return noFace;
}

export async function clusterTask(page, { dropRoot, staged, identities, log }) {
  const flat = join(staged, 'flat');
  mkdirSync(flat);
  const truth = new Map();
  const files = [];
  let n = 0;
  identities.forEach((identity, label) => {
    for (const file of readdirSync(join(dropRoot, identity.name)).sort()) {
      const name = `photo-${String(++n).padStart(5, '0')}${file.slice(file.lastIndexOf('.'))}`;
      copyFileSync(join(dropRoot, identity.name, file), join(flat, name));
      truth.set(name, label);
      files.push(join(flat, name));
    }
  });
  log(`${files.length} photos staged flat under anonymous names; dropping them loose…`);
  await dropPaths(page, page.getByTestId('drop-zone'), files);
  const noFacePhotos = await importSummary(page, log);

  const started = Date.now();
  await page.getByRole('button', { name: 'Group similar faces' }).click();
  const done = page.getByText(/groups? of similar faces .* Grouped in [\d.]+ s\./);
  await done.waitFor({ timeout: 60 * 60_000 });
  const wallSeconds = (Date.now() - started) / 1000;
  const seconds = Number(/Grouped in ([\d.]+) s/.exec((await done.textContent()) ?? '')?.[1]);
  const tray = page.locator('.unsorted-tray');
  await showAll(tray);

  const read = (scope) =>
    scope
      .locator('[role="option"]')
      .evaluateAll((options) => options.map((option) => option.getAttribute('title') ?? ''));
  const groups = [];
  for (const group of await tray.locator('article.face-group').all())
    groups.push(await read(group));
  const alone = await read(tray.getByRole('listbox', { name: 'Unsorted faces' }));
  for (const title of alone) groups.push([title]);

  // Score the photos' largest faces: "photo-00042.jpg" or "photo-00042.jpg · face 1 of 3 …".
  const largest = (title) => !/ · face (\d+) of/.test(title) || / · face 1 of/.test(title);
  const scored = [];
  const labels = [];
  let extra = 0;
  for (const group of groups) {
    const rows = [];
    for (const title of group) {
      if (!largest(title)) {
        extra++;
        continue;
      }
      const label = truth.get(title.split(' · ')[0]);
      if (label === undefined) throw new Error(`a face from an unknown photo: ${title}`);
      rows.push(labels.length);
      labels.push(label);
    }
    if (rows.length > 0) scored.push(rows);
  }
  const { bcubed } = await appModule('src/ml/labelling/bcubed.ts');
  const score = bcubed(scored, labels);
  return {
    task: 'cluster',
    images: files.length,
    faces: groups.reduce((sum, group) => sum + group.length, 0),
    people: identities.length,
    groups: groups.filter((group) => group.length >= 2).length,
    singletons: groups.filter((group) => group.length === 1).length,
    extra_faces: extra,
    no_face_photos: noFacePhotos,
    bcubed_precision: score.precision,
    bcubed_recall: score.recall,
    bcubed_f1: score.f1,
    seconds,
    wall_seconds: wallSeconds,
  };
}

export async function suspectsTask(page, { dropRoot, identities, noise, seed, log }) {
  await dropPaths(page, page.getByTestId('drop-zone'), [dropRoot]);
  await importSummary(page, log);
  const images = identities.flatMap((identity) =>
    readdirSync(join(dropRoot, identity.name))
      .sort()
      .map((file) => ({ person: identity.name, file })),
  );
  const { seededRandom, shuffled } = await appModule('src/lib/seeded-random.ts');
  const random = seededRandom(seed);
  const order = shuffled(
    images.map((_, i) => i),
    random,
  );
  const flips = order.slice(0, Math.max(1, Math.round(noise * images.length)));
  log(`moving ${flips.length} of ${images.length} images to a wrong person…`);
  const flipped = new Set();
  for (const index of flips) {
    const { person, file } = images[index];
    const others = identities.filter((identity) => identity.name !== person);
    const wrong = others[Math.floor(random() * others.length)].name;
    const card = page.getByRole('article', { name: person, exact: true });
    const thumb = card.locator(`[role="option"][title*="${person}/${file}"]`);
    while ((await thumb.count()) === 0) {
      const more = card.getByRole('button', { name: /^Show more/ });
      if ((await more.count()) === 0)
        throw new Error(`${person}/${file} is not on ${person}'s card`);
      await more.click();
    }
    await thumb.click();
    await page.getByLabel('Move the selected images to').selectOption({ label: wrong });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByText(`Moved 1 image to ${wrong}.`).first().waitFor();
    flipped.add(`${person}/${file}`);
  }

  const started = Date.now();
  await page.getByRole('button', { name: 'Find suspect labels' }).click();
  await page.getByTestId('suspect-summary').waitFor({ timeout: 60 * 60_000 });
  const seconds = (Date.now() - started) / 1000;
  const section = page.getByRole('region', { name: 'Check labels' });
  const closest = section.getByRole('button', { name: /^Show the closest calls/ });
  if (await closest.count()) await closest.click();
  await showAll(section);
  const rows = await section.locator('li.suspect').evaluateAll((items) =>
    items.map((item) => ({
      source: item.getAttribute('data-source-name') ?? '',
      score: Number(item.querySelector('.suspect-score')?.textContent),
    })),
  );
  // Every imported image, with its score where the ranking listed it (NaN where not).
  const key = (source) => source.split('/').slice(-2).join('/');
  const scoreOf = new Map(rows.map((row) => [key(row.source), row.score]));
  const scores = images.map(({ person, file }) => scoreOf.get(`${person}/${file}`) ?? NaN);
  const marks = images.map(({ person, file }) => flipped.has(`${person}/${file}`));
  const { suspectMetrics } = await appModule('src/ml/labelling/suspect-metrics.ts');
  const m = suspectMetrics(scores, marks);
  return {
    task: 'suspects',
    images: images.length,
    ranked: rows.length,
    people: identities.length,
    noise,
    seed,
    flipped: m.flipped,
    precision_at_flipped: m.precisionAtFlipped,
    recall_at_flipped: m.recallAtFlipped,
    precision_at_2x_flipped: m.precisionAtTwiceFlipped,
    recall_at_2x_flipped: m.recallAtTwiceFlipped,
    roc_auc: m.auc,
    seconds,
  };
}
