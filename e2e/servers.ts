// The servers the end-to-end tests run against (playwright.config.ts starts all three): the
// studio's production build with its headers, the test pages, and the same build on a bare
// static server that sends no headers at all. E2E_PORT moves all three, so that two checkouts
// can run their suites side by side (a reused server would be the other's).

const base = Number(process.env.E2E_PORT ?? 4173);

/** `vite preview` of dist/, sending the headers of src/app/security-headers.ts. */
export const PREVIEW_URL = `http://localhost:${base}`;
/** `vite preview --mode test-pages` of dist-test-pages/ (bench.html, model-check.html). */
export const TEST_PAGES_URL = `http://localhost:${base + 1}`;
/** scripts/static-server.mjs serving dist/ with no security headers. */
export const NO_HEADERS_URL = `http://localhost:${base + 2}`;
