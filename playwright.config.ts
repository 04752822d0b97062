// Playwright: end-to-end tests in a real Chromium against the production build (vite preview),
// so the Content-Security-Policy and workers are tested as users get them. The privacy test
// runs twice: also against the same dist/ on a static server that sends no headers. The test
// pages (model-check.html) come from their own build, on their own origin (e2e/servers.ts).

import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/chromium';
import { NO_HEADERS_URL, PREVIEW_URL, TEST_PAGES_URL } from './e2e/servers';

const executablePath = chromiumPath() ?? undefined;
// `npm test` builds the test pages before Playwright runs; a bare `npx playwright test` after
// `npm run build` builds them here if there are none.
const buildTestPages = existsSync('dist-test-pages/model-check.html')
  ? ''
  : 'npx vite build --mode test-pages --logLevel warn && ';
const port = (url: string) => new URL(url).port;
const server = (command: string, url: string) => ({
  command,
  url,
  reuseExistingServer: !process.env.CI,
  timeout: 60_000,
});

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
    viewport: { width: 1280, height: 900 },
    // Recording a trace screencasts every test, failed or not: in live Verify it kept
    // Chromium's compositor thread busy 6.2 s of 6 s and cut the rate from 14.9 to 5.3 frames/s,
    // so the tests ran on a starved page. E2E_TRACE=1 records one for each failed test.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'preview', use: { baseURL: PREVIEW_URL } },
    { name: 'no-headers', testMatch: 'privacy.spec.ts', use: { baseURL: NO_HEADERS_URL } },
  ],
  webServer: [
    server(`npx vite preview --port ${port(PREVIEW_URL)} --strictPort`, PREVIEW_URL),
    server(
      `${buildTestPages}npx vite preview --mode test-pages --port ${port(TEST_PAGES_URL)} --strictPort`,
      `${TEST_PAGES_URL}/model-check.html`,
    ),
    server(`node scripts/static-server.mjs dist ${port(NO_HEADERS_URL)}`, NO_HEADERS_URL),
  ],
});
