// A tab closed at any moment leaves the studio's storage before or after each write, never
// between: at ten seeded moments during an import and ten during training, the page is closed
// (page.close() from a timer, as a user closing the tab), reopened, and the stored people,
// images, crops, thumbnails, runs and checkpoints checked against each other; an interrupted run
// with a checkpoint then resumes to its end.

import { expect, test, type Browser, type Page } from '@playwright/test';
import { dropAndWait, lfwFolder, openStudio } from './fixtures';
import { fillTinyConfig, loadSampleFaces, openTrain } from './training-helpers';

const POINTS = 10;
const EPOCHS = 4;

/** mulberry32: the moments are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stored {
  identities: string[];
  images: { id: string; identityId: string }[];
  crops: string[];
  thumbs: string[];
  runs: { id: string; epochs: number; status: string }[];
  checkpoints: { runId: string; epoch: number }[];
}

/** Everything in the studio's database, read raw (not through the app). */
function readStorage(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('face-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string, keysOnly = false) =>
      new Promise<T[]>((resolve, reject) => {
        const os = db.transaction(store).objectStore(store);
        const request = keysOnly ? os.getAllKeys() : os.getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const stored = {
      identities: await all<string>('identities', true),
      images: (await all<{ id: string; identityId: string }>('images')).map(
        ({ id, identityId }) => ({ id, identityId }),
      ),
      crops: await all<string>('crops', true),
      thumbs: await all<string>('thumbs', true),
      runs: (await all<{ id: string; epochs: unknown[]; status: string }>('runs')).map((r) => ({
        id: r.id,
        epochs: r.epochs.length,
        status: r.status,
      })),
      checkpoints: (await all<{ runId: string; epoch: number }>('checkpoints')).map((c) => ({
        runId: c.runId,
        epoch: c.epoch,
      })),
    };
    db.close();
    return stored;
  });
}

/** The invariants a closed tab must never break. */
function expectConsistent(stored: Stored, moment: string): void {
  const ids = stored.images.map((i) => i.id).sort();
  expect(stored.crops.slice().sort(), `${moment}: a crop for every image, no orphan`).toEqual(ids);
  expect(stored.thumbs.slice().sort(), `${moment}: a thumbnail for every image`).toEqual(ids);
  const people = new Set(stored.identities);
  for (const image of stored.images)
    expect(people.has(image.identityId), `${moment}: image ${image.id} has its person`).toBe(true);
  for (const checkpoint of stored.checkpoints) {
    const run = stored.runs.find((r) => r.id === checkpoint.runId);
    expect(run, `${moment}: checkpoint ${checkpoint.runId} has its run`).toBeDefined();
    expect(run?.epochs, `${moment}: the run lists the checkpoint's epoch`).toBe(checkpoint.epoch);
  }
  for (const run of stored.runs.filter((r) => r.epochs > 0))
    expect(
      stored.checkpoints.some((c) => c.runId === run.id),
      `${moment}: run ${run.id} with ${run.epochs} epochs has a checkpoint`,
    ).toBe(true);
}

async function freshStudio(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

test('closing the tab at ten moments of an import leaves storage consistent', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(400_000);
  const random = seeded(14);
  const folders = ['Abdullah_Gul', 'Adrien_Brody', 'Andy_Roddick', 'Ann_Veneman'].map(lfwFolder);
  const summary: string[] = [];
  for (let point = 0; point < POINTS; point++) {
    const after = Math.round(1500 + random() * 7500);
    const { context, page } = await freshStudio(browser, baseURL);
    await openStudio(page);
    const importing = dropAndWait(page, folders).catch(() => 'closed');
    await page.waitForTimeout(after);
    await page.close();
    await importing;

    const reopened = await context.newPage();
    await openStudio(reopened);
    const stored = await readStorage(reopened);
    expectConsistent(stored, `import closed after ${after} ms`);
    // The screen shows what is stored.
    await expect(
      reopened.getByText(new RegExp(`(person|people) · ${stored.images.length} images?`)),
    ).toBeVisible();
    summary.push(`${after} ms: ${stored.identities.length} people, ${stored.images.length} images`);
    // And the studio goes on: the same import completes, with nothing doubled.
    if (point === POINTS - 1) {
      await dropAndWait(reopened, folders);
      const done = await readStorage(reopened);
      expectConsistent(done, 'after a completed import');
      expect(done.images.length).toBe(57);
    }
    await context.close();
  }
  console.log(`import closed at: ${summary.join(' | ')}`);
});

test('closing the tab at ten moments of training leaves storage consistent, and Resume works', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(900_000);
  const random = seeded(15);
  const summary: string[] = [];
  for (let point = 0; point < POINTS; point++) {
    const after = Math.round(300 + random() * 2400);
    const { context, page } = await freshStudio(browser, baseURL);
    await loadSampleFaces(page);
    await openTrain(page, 'wasm');
    await fillTinyConfig(page, EPOCHS);
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForTimeout(after);
    await page.close();

    const reopened = await context.newPage();
    await openStudio(reopened);
    const stored = await readStorage(reopened);
    expectConsistent(stored, `training closed after ${after} ms`);
    expect(stored.images.length).toBe(80);
    const run = stored.runs[0];
    let outcome = run ? `${run.epochs} epochs stored, ${run.status}` : 'no run stored yet';
    if (run && run.epochs > 0 && run.epochs < EPOCHS) {
      await openTrain(reopened, 'wasm');
      await reopened.getByRole('button', { name: 'Resume interrupted run' }).click();
      await expect(reopened.getByTestId('run-status')).toHaveText('Training finished.', {
        timeout: 120_000,
      });
      const resumed = await readStorage(reopened);
      expectConsistent(resumed, 'after resuming');
      expect(resumed.checkpoints[0]?.epoch).toBe(EPOCHS);
      outcome += `, resumed to ${EPOCHS}`;
    }
    summary.push(`${after} ms: ${outcome}`);
    await context.close();
  }
  console.log(`training closed at: ${summary.join(' | ')}`);
});
