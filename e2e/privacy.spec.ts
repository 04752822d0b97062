// No image leaves the machine: every request the page and its workers make during a whole
// session stays on the app's own origin, and the Content-Security-Policy forbids anything else.

import { expect, test } from '@playwright/test';
import { dropAndWait, lfwFolder, openStudio } from './fixtures';
import { trainAndEvaluate } from './training-helpers';

test('a whole session makes requests to its own origin only', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL as string).origin;
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (uri: string) => violations.push(uri));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(u: string): void }).reportCspViolation(
        e.blockedURI,
      ),
    );
  });

  await openStudio(page);
  await page.getByRole('button', { name: 'Load sample faces' }).click();
  await expect(page.getByRole('region', { name: 'Import summary' })).toContainText('80 added', {
    timeout: 60_000,
  });
  await dropAndWait(page, [lfwFolder('Ann_Veneman')]);
  await page.reload();
  await expect(page.getByRole('heading', { name: /9 people/ })).toBeVisible();

  // Train with the pretrained encoder, evaluate, and verify a photo: its weights, like the face
  // detector's, come from the app's own files.
  await trainAndEvaluate(page, 2);
  await page.getByRole('tab', { name: 'Verify' }).click();
  await page
    .getByLabel(/Photo to check/)
    .setInputFiles(`${lfwFolder('Ann_Veneman')}/Ann_Veneman_0002.jpg`);
  await expect(page.getByTestId('match-headline')).toBeVisible({ timeout: 30_000 });

  // The CSP is in force: a request to another origin is refused by the browser itself.
  const blocked = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/face.jpg');
      return false;
    } catch {
      return true;
    }
  });
  expect(blocked).toBe(true);

  const offOrigin = requests.filter((url) => {
    if (url.startsWith('blob:') || url.startsWith('data:')) return false;
    return new URL(url).origin !== origin || url.includes('example.com');
  });
  // The deliberate probe above is the only one, and it never reached the network.
  expect(offOrigin).toEqual([]);
  expect(violations.some((v) => v.includes('example.com'))).toBe(true);
  expect(requests.some((url) => url.includes('import.worker'))).toBe(true);
  for (const weights of [
    'tiny_face_detector_model',
    'face_landmark_68_model',
    'face_recognition_model',
  ]) {
    expect(
      requests.some((url) => url.startsWith(origin) && url.includes(weights)),
      weights,
    ).toBe(true);
  }
  expect(requests.length).toBeGreaterThan(80);
});
