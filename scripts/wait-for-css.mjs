// Waits until a CSS selector matches, asking the page's own querySelector ten times a second.
// Each poll of a Playwright locator's wait runs Playwright's injected selector engine (which walks
// the DOM in script) and a visibility check on the page's main thread: over an import of 1,300
// photos that came to about 3.5 s of that thread's CPU in a trace of `npm run bench:import`, work
// the harnesses would count as the studio's own.

/** Resolves when `selector` matches an element; rejects after `timeoutMs`. */
export async function waitForCss(page, selector, timeoutMs) {
  await page.waitForFunction((css) => globalThis.document.querySelector(css) !== null, selector, {
    polling: 100,
    timeout: timeoutMs,
  });
  return page.locator(selector);
}
