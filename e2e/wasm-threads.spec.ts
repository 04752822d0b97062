// WebAssembly's threads in the training worker. The e2e of training.spec.ts checks that the
// cross-origin-isolated page trains on them; this one that a threaded start that hangs (a pthread
// worker whose script fails to load, which the threaded module never reports) does not hang the
// studio: after 30 s the page replaces the training worker with one on one thread, says so, and
// training works.

import { expect, test } from '@playwright/test';
import { chartPoints, fillTinyConfig, loadSampleFaces } from './training-helpers';

test('a threaded WebAssembly start that hangs gives way to one thread, and says so', async ({
  page,
}) => {
  test.skip(
    (await page.evaluate(() => navigator.hardwareConcurrency)) < 2,
    'one core: the studio never starts threads here',
  );
  // Served with the right first line (so the studio tries threads), but every pthread worker
  // that loads it throws.
  await page.context().route(/tfjs-backend-wasm-threaded-simd-[^/]*\.js$/, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: 'var WasmBackendModuleThreadedSimd = (() => { throw new Error("broken on purpose"); })();',
    }),
  );
  await loadSampleFaces(page);
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'now trains on one thread' })).toHaveText(
    /WebAssembly's \d threads did not start within 30 s\. Face Studio now trains on one thread\./,
    { timeout: 90_000 },
  );
  const backend = page.getByRole('region', { name: 'Training backend' });
  await expect(backend).toContainText('Training on WebAssembly', { timeout: 60_000 });
  await expect(backend).toContainText(/WebAssembly: 1 thread of the \d this page could use/);

  await fillTinyConfig(page, 2);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training finished.', {
    timeout: 120_000,
  });
  expect(await chartPoints(page, 'Accuracy chart')).toBe(2);
});
