// No image leaves the machine: every request the page and its workers make during a whole
// session (import, training, evaluation, verifying a photo) stays on the app's own origin. It
// runs twice (playwright.config.ts): on `vite preview`, which sends the studio's headers, and on
// a static server that sends none, where only the page's <meta> CSP and the workers' own
// same-origin guard (src/worker/same-origin-guard.ts) stand between the code and the network.
// context.on('request') also reports the workers' requests: before the guard existed, a fetch
// to another origin made inside the training worker on the header-less server was seen by it
// (and reached the other server).

import { expect, test, type Worker } from '@playwright/test';
import { securityHeaders } from '../src/app/security-headers';
import { dropAndWait, lfwFolderHoldingOut, openStudio } from './fixtures';
import { NO_HEADERS_URL } from './servers';
import { trainAndEvaluate } from './training-helpers';

const PROBE = 'https://example.com/face.jpg';

/**
 * Inside a worker, once its guard is in place (a worker may be reported before its script ran):
 * tries every way of sending a request off the origin, and returns what each one met.
 */
function probeOffOrigin(worker: Worker) {
  return worker.evaluate(async (url) => {
    const guarded = () =>
      (self as unknown as Record<symbol, unknown>)[Symbol.for('face-studio.same-origin-guard')];
    for (let waited = 0; !guarded() && waited < 30_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const outcome = async (attempt: () => unknown) => {
      try {
        await attempt();
        return 'sent';
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    };
    return {
      fetch: await outcome(() => fetch(url)),
      xhr: await outcome(() => {
        const request = new XMLHttpRequest();
        request.open('GET', url);
        request.send();
      }),
      webSocket: await outcome(() => new WebSocket('wss://example.com/socket')),
      eventSource: await outcome(() => new EventSource(url)),
    };
  }, PROBE);
}

test('a whole session makes requests to its own origin only', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL as string).origin;
  const bareHost = baseURL === NO_HEADERS_URL;
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const refusals: string[] = [];
  // Every worker of the studio is probed as it starts (import workers live only for an import).
  // The WASM backend's pthread workers (blob:, only with COOP/COEP) are left out: one waiting on
  // shared memory may never answer an evaluate; they run our one-line bootstrap and get the
  // rest by message.
  const probes: Promise<{ url: string; answer: unknown }>[] = [];
  page.on('worker', (worker) => {
    if (worker.url().startsWith('blob:')) return;
    probes.push(
      probeOffOrigin(worker).then(
        (answer) => ({ url: worker.url(), answer }),
        () => ({ url: worker.url(), answer: 'closed before it answered' }),
      ),
    );
  });
  page.on('console', (message) => {
    if (message.text().includes('[same-origin guard]')) refusals.push(message.text());
  });
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
  expect(await page.evaluate(() => crossOriginIsolated), 'COOP/COEP sent').toBe(!bareHost);
  await page.getByRole('button', { name: 'Load sample faces' }).click();
  await expect(page.getByRole('region', { name: 'Import summary' })).toContainText('80 added', {
    timeout: 60_000,
  });
  // One of Ann Veneman's photos stays out of the studio: Verify is given a photo never imported.
  const ann = lfwFolderHoldingOut('Ann_Veneman', 'Ann_Veneman_0002.jpg');
  await dropAndWait(page, [ann.folder]);
  await page.reload();
  await expect(page.getByRole('heading', { name: /9 people/ })).toBeVisible();

  // Train with the pretrained encoder, evaluate, and verify the held-out photo: the encoder's
  // weights, like the face detector's, come from the app's own files.
  await trainAndEvaluate(page, 2);
  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByLabel(/Photo to check/).setInputFiles(ann.heldOut);
  await expect(page.getByTestId('match-headline')).toHaveText(/^Ann_Veneman · similarity /, {
    timeout: 30_000,
  });
  // The page's CSP (a <meta> tag on any host) refuses a request to another origin itself.
  const blocked = await page.evaluate(async (url) => {
    try {
      await fetch(url);
      return false;
    } catch {
      return true;
    }
  }, PROBE);
  expect(blocked).toBe(true);
  // The violation event reaches the test through an exposed function, a round trip that may end
  // after the fetch has failed: waited for, not read at once.
  await expect.poll(() => violations.some((v) => v.includes('example.com'))).toBe(true);

  // Every worker refused the same by its own code; an import worker may end before it answers,
  // but the training worker and at least one import worker did answer.
  const answers = await Promise.all(probes);
  const answered = answers.filter((probe) => probe.answer !== 'closed before it answered');
  for (const { url, answer } of answered) {
    expect(answer, url).toEqual({
      fetch: 'off-origin-request',
      xhr: 'off-origin-request',
      webSocket: 'off-origin-request',
      eventSource: 'off-origin-request',
    });
  }
  for (const entry of ['training.worker', 'import.worker'])
    expect(answered.map((probe) => probe.url)).toContainEqual(expect.stringContaining(entry));
  // And those probes are all it refused: nothing the studio itself asked for.
  await expect.poll(() => refusals.length).toBe(4 * answered.length);

  const offOrigin = requests.filter((url) => {
    if (url.startsWith('blob:') || url.startsWith('data:')) return false;
    return new URL(url).origin !== origin || url.includes('example.com');
  });
  // The deliberate probes above never reached the network.
  expect(offOrigin).toEqual([]);
  const seen = (part: string) =>
    requests.some((url) => url.startsWith(origin) && url.includes(part));
  for (const part of [
    'import.worker',
    'training.worker',
    '.wasm',
    'tiny_face_detector_model',
    'face_landmark_68_model',
    'face_recognition_model',
  ]) {
    expect(seen(part), part).toBe(true);
  }
  expect(requests.length).toBeGreaterThan(80);
  console.log(
    `privacy (${bareHost ? 'no headers' : 'vite preview'}): ${requests.length} requests, all to ${origin}; ` +
      `off-origin probes refused in ${answered.length} of ${answers.length} workers ` +
      `(${answered.map((probe) => new URL(probe.url).pathname.split('/').pop()).join(', ')})`,
  );

  // The workers' scripts come with the studio's CSP from vite preview, and with none from the
  // bare server: there, the guard was the workers' only fence.
  const workerScript = requests.find((url) => url.includes('training.worker')) as string;
  const headers = (await page.request.get(workerScript)).headers();
  expect(headers['content-security-policy']).toBe(
    bareHost ? undefined : securityHeaders('production')['Content-Security-Policy'],
  );
});
