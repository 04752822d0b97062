// A running training answers the user within a step on WebAssembly, the backend of every machine
// without a GPU: the From-scratch preset (ResNet-18 at half width, 64×64) on real LFW faces, at
// a batch size that makes an epoch of 20 steps and more. Stop, clicked in the middle of an epoch,
// must end the run within two steps' time, and a Verify photo given while the run trains must be
// answered within two steps of the time it takes when nothing trains. The times are measured in
// the page (the click, the status, the progress bar, the screen's "Embedded in … ms") and reported.

import { expect, test, type Page } from '@playwright/test';
import { dropAndWait, lfwFolder, openStudio } from './fixtures';
import { checkPhoto, openTrain, trainAndEvaluate } from './training-helpers';

/** Seven people with 19 photos each: 14 train photos each (7:2:1), 98 in all. */
const PEOPLE = [
  'Abdullah_Gul',
  'Carlos_Moya',
  'John_Howard',
  'Joschka_Fischer',
  'Julianne_Moore',
  'Nicole_Kidman',
  'Tim_Henman',
];
const BATCH = 4;

interface Timeline {
  /** [ms, steps done] each time the progress bar moved. */
  progress: [number, number][];
  stopClicked: number | null;
  stopped: number | null;
}

/**
 * Records, in the page's own clock: every move of the training progress bar, the click on Stop
 * and the moment the status first says the training stopped.
 */
async function watchTimeline(page: Page): Promise<void> {
  await page.evaluate(() => {
    const timeline: Timeline = { progress: [], stopClicked: null, stopped: null };
    (window as unknown as { timeline: Timeline }).timeline = timeline;
    document.addEventListener(
      'click',
      (event) => {
        const target = event.target as HTMLElement;
        if (target.closest('button')?.textContent === 'Stop')
          timeline.stopClicked ??= event.timeStamp;
      },
      true,
    );
    const look = () => {
      const now = performance.now();
      const bar = document.querySelector('progress[aria-label="Training progress"]');
      const steps = bar ? Number(bar.getAttribute('value')) : NaN;
      if (Number.isFinite(steps) && timeline.progress.at(-1)?.[1] !== steps)
        timeline.progress.push([now, steps]);
      const status = document.querySelector('[data-testid="run-status"]')?.textContent ?? '';
      if (timeline.stopped === null && status.startsWith('Training stopped'))
        timeline.stopped = now;
    };
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['value'],
    });
  });
}

const timeline = (page: Page) =>
  page.evaluate(() => (window as unknown as { timeline: Timeline }).timeline);

/** Imports the seven people and opens the Train screen on WebAssembly. */
async function importOnWasm(page: Page): Promise<void> {
  await openStudio(page);
  expect(await dropAndWait(page, PEOPLE.map(lfwFolder))).toContain(`${PEOPLE.length * 19} added`);
  await openTrain(page, 'wasm');
}

/** Sets the Train screen to the From-scratch preset at batch 4 (warm-up as the preset's, 1). */
async function fromScratch(page: Page, epochs: number, warmup = 1): Promise<void> {
  await page
    .getByRole('group', { name: 'Presets' })
    .getByRole('button', { name: 'From scratch' })
    .click();
  await expect(page.getByLabel('Backbone')).toHaveValue('resnet18');
  await expect(page.getByLabel('Input size')).toHaveValue('64');
  await expect(page.getByLabel('Width multiplier')).toHaveValue('0.5');
  await page.getByLabel('Batch size').fill(String(BATCH));
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByLabel('Warm-up epochs').fill(String(warmup));
}

/**
 * Starts training and measures a step (ms) over six steps after the first four (which compile
 * and warm up); returns it with the epoch's length, once it is still mid-first-epoch.
 */
async function startAndTimeSteps(page: Page, epochs: number) {
  await watchTimeline(page);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-status')).toContainText(
    `Training ${PEOPLE.length} people on 98 images`,
    { timeout: 60_000 },
  );
  const counter = page.getByText(new RegExp(`Epoch \\d+ of ${epochs} · step \\d+ of \\d+`));
  await expect(counter).toBeVisible();
  const total = Number(/step \d+ of (\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
  const stepsPerEpoch = total / epochs;
  expect(stepsPerEpoch).toBeGreaterThanOrEqual(20);
  const bar = page.getByRole('progressbar', { name: 'Training progress' });
  const stepsDone = async () => Number(await bar.getAttribute('value'));
  await expect.poll(stepsDone, { timeout: 120_000 }).toBeGreaterThanOrEqual(4);
  const from = (await timeline(page)).progress.at(-1) as [number, number];
  await expect.poll(stepsDone, { timeout: 60_000 }).toBeGreaterThanOrEqual(from[1] + 6);
  const to = (await timeline(page)).progress.at(-1) as [number, number];
  expect(to[1]).toBeLessThan(stepsPerEpoch - 4);
  return { stepMs: (to[0] - from[0]) / (to[1] - from[1]), from, to, stepsPerEpoch };
}

function note(line: string): void {
  console.log(line);
  test.info().annotations.push({ type: 'measured', description: line });
}

test('Stop during a From-scratch epoch on WebAssembly takes effect within two steps', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await importOnWasm(page);
  await fromScratch(page, 3);
  const { stepsPerEpoch } = await startAndTimeSteps(page, 3);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/^Training stopped/, {
    timeout: 120_000,
  });

  // The step time over the steps shown before the click, from the fifth step on.
  const { progress, stopClicked, stopped } = await timeline(page);
  const shown = progress.filter(([at, steps]) => at <= (stopClicked as number) && steps >= 4);
  const [from, to] = [shown[0], shown.at(-1)] as [[number, number], [number, number]];
  const stepMs = (to[0] - from[0]) / (to[1] - from[1]);
  const stopMs = (stopped as number) - (stopClicked as number);
  note(
    `stop took ${(stopMs / 1000).toFixed(2)} s = ${(stopMs / stepMs).toFixed(2)} steps of ${stepMs.toFixed(0)} ms (step time over steps ${from[1]}–${to[1]}; clicked after step ${to[1]} of an epoch of ${stepsPerEpoch}, batch ${BATCH}, WebAssembly)`,
  );
  expect(stopMs / stepMs).toBeLessThanOrEqual(2);
  await expect(
    page.getByRole('region', { name: 'Past runs' }).getByRole('row').nth(1),
  ).toContainText('stopped');
});

test('a Verify photo given during a From-scratch epoch on WebAssembly is answered within two steps', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // A stranger's photo, never imported: only the time to answer is measured here.
  const photo = `${lfwFolder('Adrien_Brody')}/Adrien_Brody_0001.jpg`;
  const embeddedMs = async () => {
    expect((await checkPhoto(page, photo)).headline).not.toBeNull();
    const shown = await page.getByText(/Embedded in \d+ ms/).textContent();
    return Number(/Embedded in (\d+) ms/.exec(shown ?? '')?.[1]);
  };

  // A first run of one epoch (so without warm-up), evaluated, to verify with.
  await importOnWasm(page);
  await fromScratch(page, 1, 0);
  await trainAndEvaluate(page, 1);
  await page.getByRole('tab', { name: 'Verify' }).click();
  await embeddedMs(); // builds the network and the face detector in the worker
  const idleMs = await embeddedMs();

  // A second run; while it trains, the same photo again (the first time rebuilds the network,
  // which a new run lets go).
  await page.getByRole('tab', { name: 'Train' }).click();
  await fromScratch(page, 3);
  const { stepMs } = await startAndTimeSteps(page, 3);
  await page.getByRole('tab', { name: 'Verify' }).click();
  await embeddedMs();
  const trainingMs = await embeddedMs();
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/^Training \d+ people/);
  const line = `verify answered in ${trainingMs} ms while training (steps of ${stepMs.toFixed(0)} ms), ${idleMs} ms with nothing training: ${((trainingMs - idleMs) / stepMs).toFixed(2)} steps more`;
  note(line);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/^Training stopped/, {
    timeout: 120_000,
  });
  expect(trainingMs).toBeLessThanOrEqual(idleMs + 2 * stepMs);
});
