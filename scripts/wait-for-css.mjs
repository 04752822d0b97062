// Waits until a CSS selector matches, asking the page's own querySelector twice a second. A
// Playwright locator's wait re-runs Playwright's selector engine in the page at every animation
// frame: over an import of 1,300 photos that was about 3.5 s of the main thread's CPU (a trace of
// `npm run bench:import`), which the harnesses would count as the studio's own work and time.

/** Resolves when `selector` matches an element; rejects after `timeoutMs`. */
export async function waitForCss(page, selector, timeoutMs) {
  await page.waitForFunction((css) => globalThis.document.querySelector(css) !== null, selector, {
    polling: 500,
    timeout: timeoutMs,
  });
  return page.locator(selector);
}
