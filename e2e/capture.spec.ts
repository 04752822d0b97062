// The webcam through Chromium's fake camera playing a real face (Ann Veneman, from LFW): on
// Capture, the live face box and quality meter, a burst whose kept frames are stored under the
// person, and every way a camera fails (denied, busy, unplugged mid-burst) said plainly, with
// the frames kept so far stored; on Verify, the person in front of the camera named live.

import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { FAKE_CAMERA_FILE, writeFakeCameraVideo } from './fake-camera';
import { join } from 'node:path';
import { card, dropAndWait, LFW, lfwFolderHoldingOut, openStudio } from './fixtures';
import { checkPhoto, trainAndEvaluate } from './training-helpers';

/** The LFW photo the fake camera shows. */
const CAMERA_PHOTO = 'Ann_Veneman_0001.jpg';
writeFakeCameraVideo(join(LFW, 'Ann_Veneman', CAMERA_PHOTO));

const executablePath = chromiumPath() ?? undefined;
test.use({
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${FAKE_CAMERA_FILE}`,
    ],
  },
});

/** Keeps the page's camera stream in `window.testStream`, to unplug it or check it stopped. */
async function keepStreamForTest(page: Page) {
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      (window as unknown as { testStream: MediaStream }).testStream = stream;
      return stream;
    };
  });
}

async function openCapture(page: Page, person: string) {
  await openStudio(page);
  await page.getByRole('tab', { name: 'Capture' }).click();
  await page.getByLabel('Person').fill(person);
}

test('a burst from the webcam keeps the frames with one clear face and stores them under the person', async ({
  page,
}) => {
  await keepStreamForTest(page);
  await openCapture(page, 'Webcam Person');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const meter = page.getByRole('status', { name: 'Frame quality' });
  await expect(meter).toBeVisible({ timeout: 60_000 });
  console.log(`quality meter: ${await meter.textContent()}`);
  await expect(meter).toContainText('Ready: one clear face', { timeout: 30_000 });
  await expect(page.locator('.face-boxes rect.box-main')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('capture-live.png') });

  await page.getByLabel('Frames').fill('6');
  await page.getByLabel('Every (ms)').fill('200');
  await page.getByRole('button', { name: 'Capture burst' }).click();
  const summary = page.getByRole('region', { name: 'Burst summary' });
  await expect(summary).toBeVisible({ timeout: 60_000 });
  const text = (await summary.textContent()) ?? '';
  console.log(`burst: ${text}`);
  const kept = Number(/(\d+) kept/.exec(text)?.[1]);
  expect(kept).toBeGreaterThanOrEqual(1);
  expect(text).toMatch(/Burst finished: \d+ kept, \d+ dropped/);

  // Leaving the screen stops the camera (the browser's camera light goes off).
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await expect(card(page, 'Webcam Person')).toContainText(`${kept} image`);
  const states = await page.evaluate(() =>
    (window as unknown as { testStream: MediaStream }).testStream
      .getTracks()
      .map((t) => t.readyState),
  );
  expect(states).toEqual(['ended']);
});

test('a camera that is denied, busy or missing says so', async ({ page }) => {
  for (const [name, message] of [
    ['NotAllowedError', 'Camera permission was denied'],
    ['NotReadableError', 'in use by another program'],
    ['NotFoundError', 'No camera was found'],
  ] as const) {
    await page.addInitScript((errorName) => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('refused', errorName));
    }, name);
    await openCapture(page, 'Nobody');
    await page.getByRole('button', { name: 'Start camera' }).click();
    await expect(page.getByRole('alert')).toContainText(message);
  }
});

test('a camera unplugged mid-burst stops the burst and keeps the frames already captured', async ({
  page,
}) => {
  await keepStreamForTest(page);
  await openCapture(page, 'Unplugged');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByRole('status', { name: 'Frame quality' })).toContainText('Ready', {
    timeout: 60_000,
  });
  await page.getByLabel('Frames').fill('40');
  await page.getByRole('button', { name: 'Capture burst' }).click();
  await expect(page.getByRole('status', { name: 'Burst progress' })).toContainText(/kept [1-9]/, {
    timeout: 60_000,
  });
  // Unplugging ends the track: readyState becomes "ended" and the track fires "ended".
  await page.evaluate(() => {
    for (const track of (
      window as unknown as { testStream: MediaStream }
    ).testStream.getVideoTracks()) {
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
  });
  const summary = page.getByRole('region', { name: 'Burst summary' });
  await expect(summary).toContainText('Burst stopped', { timeout: 30_000 });
  await expect(summary.getByRole('alert')).toContainText('frames kept before it are stored');
  const kept = Number(/(\d+) kept/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(kept).toBeGreaterThanOrEqual(1);
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await expect(card(page, 'Unplugged')).toContainText(`${kept} image`);
});

test('Verify live from the webcam names the person in front of it, with frames per second', async ({
  page,
}) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'Load sample faces' }).click();
  await expect(page.getByRole('region', { name: 'Import summary' })).toContainText('80 added', {
    timeout: 60_000,
  });
  // Ann Veneman's photos except the one the fake camera shows: Verify sees a face it never
  // trained on.
  await dropAndWait(page, [lfwFolderHoldingOut('Ann_Veneman', CAMERA_PHOTO).folder]);
  await trainAndEvaluate(page, 5);

  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByRole('radio', { name: 'Webcam' }).check();
  await page.getByRole('button', { name: 'Start webcam' }).click();
  await expect(page.getByTestId('match-headline')).toContainText('Ann_Veneman', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('verify-fps')).toHaveText(/\d+\.\d frames per second/, {
    timeout: 30_000,
  });
  console.log(
    `live verify: ${await page.getByTestId('match-headline').textContent()} · ${await page.getByTestId('verify-fps').textContent()}`,
  );
  await page.screenshot({ path: test.info().outputPath('verify-webcam.png') });
  await page.getByRole('button', { name: 'Stop webcam' }).click();
});

test('a person enrolled only by webcam gets val and test frames, trains, and is named on a photo never imported', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openStudio(page);
  await page.getByRole('button', { name: 'Load sample faces' }).click();
  await expect(page.getByRole('region', { name: 'Import summary' })).toContainText('80 added', {
    timeout: 60_000,
  });
  await page.getByRole('tab', { name: 'Capture' }).click();
  await page.getByLabel('Person').fill('Ann Veneman');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByRole('status', { name: 'Frame quality' })).toContainText(
    'Ready: one clear face',
    { timeout: 60_000 },
  );
  // The fake camera loops ten distinct frames; the repeats are dropped as duplicates.
  await page.getByLabel('Frames').fill('20');
  await page.getByLabel('Every (ms)').fill('150');
  await page.getByRole('button', { name: 'Capture burst' }).click();
  const summary = page.getByRole('region', { name: 'Burst summary' });
  await expect(summary).toBeVisible({ timeout: 90_000 });
  const kept = Number(/(\d+) kept/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(kept).toBeGreaterThanOrEqual(5);

  // One burst is cut into time slices: the person has val and test frames.
  await page.getByRole('tab', { name: 'Dataset' }).click();
  const split = card(page, 'Ann Veneman').getByLabel('Split for Ann Veneman');
  await expect(split).toContainText(/val [2-9]/);
  await expect(split).toContainText(/test [1-9]/);
  await expect(card(page, 'Ann Veneman')).not.toContainText('Cannot be evaluated');
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByRole('region', { name: 'People who cannot be evaluated' })).toHaveCount(0);

  // Train the recommended mode and evaluate: nine people, Ann among them.
  await trainAndEvaluate(page, 5);
  await expect(page.getByText(/^9 people · /)).toBeVisible();

  // Photos of her that were never imported (the camera shows _0001).
  await page.getByRole('tab', { name: 'Verify' }).click();
  let named = 0;
  const tried: string[] = [];
  for (const photo of ['Ann_Veneman_0002.jpg', 'Ann_Veneman_0005.jpg', 'Ann_Veneman_0009.jpg']) {
    const { headline } = await checkPhoto(page, join(LFW, 'Ann_Veneman', photo));
    tried.push(`${photo}: ${headline}`);
    if (headline?.startsWith('Ann Veneman')) named++;
  }
  console.log(`webcam-only enrolment, held-out photos: ${tried.join(' | ')}`);
  expect(named).toBeGreaterThanOrEqual(2);
});
