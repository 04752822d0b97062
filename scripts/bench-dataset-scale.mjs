// Measures the Dataset screen with a large studio: writes N synthetic images (coloured copies of
// one face-sized picture, each its own record, crop and thumbnail) straight into the studio's
// IndexedDB in headless Chromium, some spread over people and the rest in Unsorted, reloads, and
// reports the main thread's longest task and the longest frame (requestAnimationFrame gaps)
// while the page loads, while it is scrolled from top to bottom with the mouse wheel, and while
// every Unsorted image is selected and moved to a person (one transaction) and back by Undo.
// Prints one JSON line. Needs a build (`npm run build`).
// With --profile, the main thread's functions that took the most time during the move (by
// self time, from a CPU profile) are printed to stderr.
//   node scripts/bench-dataset-scale.mjs [--images 10000] [--people 100] [--unsorted 1000] [--profile]

// Functions passed to page.evaluate run in the page, with its globals.
/* global requestAnimationFrame, OffscreenCanvas, indexedDB, document, window */

import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';
import { startPreview } from './preview-server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const total = arg('images', 10000);
const people = arg('people', 100);
const unsorted = arg('unsorted', 1000);
const log = (m) => process.stderr.write(`[scale] ${m}\n`);

/** Records long tasks and frame gaps from the page's first script on. */
function observe() {
  const tasks = [];
  const frames = [];
  globalThis.__scale = { tasks, frames };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const tick = (now) => {
    frames.push([last, now - last]);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const worst = (page, from, to) =>
  page.evaluate(
    ([from, to]) => {
      const inside = ([start, length]) => start + length >= from && start <= to;
      const { tasks, frames } = globalThis.__scale;
      const t = tasks.filter(inside).map(([, d]) => d);
      const f = frames.filter(inside).map(([, d]) => d);
      return {
        longest_task_ms: Math.round(Math.max(0, ...t)),
        tasks_over_50ms: t.length,
        longest_frame_ms: Math.round(Math.max(0, ...f)),
        frames_over_50ms: f.filter((d) => d > 50).length,
        frames: f.length,
      };
    },
    [from, to],
  );
const now = (page) => page.evaluate(() => performance.now());

const server = await startPreview();
const browser = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(observe);
  await page.goto(server.url);
  await page.getByText(/(person|people) · \d+ images?/).waitFor();
  log(`writing ${total} images (${people} people, ${unsorted} unsorted)…`);
  await page.evaluate(
    async ({ total, people, unsorted }) => {
      const jpeg = async (hue, size) => {
        const canvas = new OffscreenCanvas(size, size);
        const g = canvas.getContext('2d');
        g.fillStyle = `hsl(${hue} 45% 55%)`;
        g.fillRect(0, 0, size, size);
        g.fillStyle = `hsl(${(hue + 30) % 360} 40% 80%)`;
        g.beginPath();
        g.ellipse(size / 2, size / 2, size * 0.3, size * 0.4, 0, 0, Math.PI * 2);
        g.fill();
        return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
      };
      const thumbs = await Promise.all(Array.from({ length: 36 }, (_, i) => jpeg(i * 10, 64)));
      const crops = await Promise.all(Array.from({ length: 36 }, (_, i) => jpeg(i * 10, 128)));
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('face-studio');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction(['identities', 'images', 'crops', 'thumbs'], 'readwrite');
      for (let p = 0; p < people; p++) {
        const id = `person-scale-${p}`;
        tx.objectStore('identities').put(
          { id, name: `Person ${String(p + 1).padStart(3, '0')}`, createdAt: p },
          id,
        );
      }
      for (let i = 0; i < total; i++) {
        const id = `img-scale-${i}`;
        const identityId = i < total - unsorted ? `person-scale-${i % people}` : 'unsorted';
        tx.objectStore('images').put(
          {
            id,
            identityId,
            sourceName: `photo-${String(i).padStart(5, '0')}.jpg`,
            hash: `scale-${i}`,
            width: 250,
            height: 250,
            format: 'jpeg',
            bytes: 10000,
            addedAt: i,
            captureGroup: `grp-scale-${i}`,
            crop: 'aligned',
            facesFound: 1,
          },
          id,
        );
        tx.objectStore('crops').put(crops[i % 36], id);
        tx.objectStore('thumbs').put(thumbs[i % 36], id);
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { total, people, unsorted },
  );

  const report = { images: total, people, unsorted };
  let from = await now(page);
  const t0 = Date.now();
  await page.reload();
  await page
    .getByText(`${people} people · ${total - unsorted} images`)
    .waitFor({ timeout: 120_000 });
  await page.locator('.identity-card').first().waitFor();
  report.load_seconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(1000);
  report.load = await worst(page, 0, await now(page));
  log(`loaded in ${report.load_seconds} s`);

  from = await now(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.mouse.move(640, 500);
  for (let y = 0; y < height; y += 400) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(50);
  }
  report.page_height_px = height;
  report.scroll = await worst(page, from, await now(page));
  log(`scrolled ${height} px`);

  await page.evaluate(() => window.scrollTo(0, 0));
  from = await now(page);
  await page
    .getByRole('button', { name: `Select all ${unsorted.toLocaleString('en')}` })
    .or(page.getByRole('button', { name: `Select all ${unsorted}` }))
    .click();
  await page.getByText(`${unsorted} images selected`).waitFor();
  report.select_all_unsorted = await worst(page, from, await now(page));
  const cdp = process.argv.includes('--profile') ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  from = await now(page);
  const t1 = Date.now();
  await page.getByLabel('Move the selected images to').selectOption({ label: 'Person 001' });
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await page.getByText(`Moved ${unsorted} images to Person 001.`).waitFor({ timeout: 60_000 });
  report.move_seconds = (Date.now() - t1) / 1000;
  report.move = await worst(page, from, await now(page));
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const gap = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
    for (const id of profile.samples) {
      const { functionName, url, lineNumber } = byId.get(id).callFrame;
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + gap);
    }
    for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
      log(`${ms.toFixed(0).padStart(6)} ms  ${key}`);
  }
  from = await now(page);
  const t2 = Date.now();
  await page.getByRole('button', { name: 'Undo image change' }).click();
  await page
    .getByText(`Undone: Moved ${unsorted} images to Person 001.`)
    .waitFor({ timeout: 60_000 });
  report.undo_seconds = (Date.now() - t2) / 1000;
  report.undo = await worst(page, from, await now(page));
  console.log(JSON.stringify(report));
} finally {
  await browser.close();
  server.stop();
}
