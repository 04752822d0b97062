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
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', x, y, data });
  await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', x, y, data });
  await cdp.send('Input.dispatchDragEvent', { type: 'drop', x, y, data });
  await cdp.detach();
}
