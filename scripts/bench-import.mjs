// Measures the import of a whole folder of faces through the real drop path: serves the
// production build, opens it in headless Chromium, drops the folder as the operating system
// would (drop-paths.mjs), and prints one JSON line.
//   node scripts/bench-import.mjs [--data <folder>]   (default: ../shared/datasets/dev-lfw10to19/images)

import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { dropPaths } from './drop-paths.mjs';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';
import { startPreview } from './preview-server.mjs';
import { waitForCss } from './wait-for-css.mjs';

const argIndex = process.argv.indexOf('--data');
const data = resolve(
  argIndex > 0 ? process.argv[argIndex + 1] : '../shared/datasets/dev-lfw10to19/images',
);

const server = await startPreview();
const browser = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.getByText(/(person|people) · \d+ images?/).waitFor();
  const started = Date.now();
  await dropPaths(page, page.getByTestId('drop-zone'), [data]);
  const summary = await waitForCss(page, 'section[aria-label="Import summary"]', 600_000);
  const seconds = (Date.now() - started) / 1000;
  const text = await summary.locator('h2').textContent();
  const [, added, skipped] = /(\d+) added, (\d+) skipped/.exec(text ?? '') ?? [];
  const people = await page.getByRole('article').count();
  console.log(
    JSON.stringify({
      bench: 'import',
      folder: data,
      added: Number(added),
      skipped: Number(skipped),
      people,
      seconds: Number(seconds.toFixed(2)),
      images_per_s: Number((Number(added) / seconds).toFixed(1)),
      import_workers: await page.evaluate(() =>
        Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)),
      ),
    }),
  );
} finally {
  await browser.close();
  server.stop();
}
