// Drops real files and folders from disk onto an element the way the operating system does,
// through Chromium's DevTools protocol (Input.dispatchDragEvent with file paths), so the app's
// real drop handler walks real directory entries. Used by the e2e tests, the import benchmark
// and `npm run eval`.

/**
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').Locator} target
 * @param {string[]} paths
 * @returns {Promise<void>}
 */
export async function dropPaths(page, target, paths) {
  const box = await target.boundingBox();
  if (!box) throw new Error('drop target is not visible');
  // The middle of the part of the target inside the viewport: a drop zone taller than the
  // window has its middle below it, where a drop would land on nothing.
  const view = page.viewportSize() ?? { width: Infinity, height: Infinity };
  const left = Math.max(box.x, 0);
  const top = Math.max(box.y, 0);
  const right = Math.min(box.x + box.width, view.width);
  const bottom = Math.min(box.y + box.height, view.height);
  if (right <= left || bottom <= top) throw new Error('drop target is outside the window');
  const x = (left + right) / 2;
  const y = (top + bottom) / 2;
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', x, y, data });
  await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', x, y, data });
  await cdp.send('Input.dispatchDragEvent', { type: 'drop', x, y, data });
  await cdp.detach();
}
