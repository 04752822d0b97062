// The webcam through Chromium's fake camera playing a real face (Ann Veneman, from LFW): on
// Capture, the live face box and quality meter, a burst whose kept frames are stored under the
// person, and every way a camera fails (denied, busy, unplugged mid-burst) said plainly, with
// the frames kept so far stored; on Verify, the person in front of the camera named live.

import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { FAKE_CAMERA_FILE, writeFakeCameraVideo } from './fake-camera';
import { card, dropAndWait, lfwFolder, openStudio } from './fixtures';
import { trainAndEvaluate } from './training-helpers';

writeFakeCameraVideo();

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
  await dropAndWait(page, [lfwFolder('Ann_Veneman')]);
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
