// A full disk in the middle of an import: the import stops with a message that says so, and
// every image stored before the failure is kept, across a reload. The browser's refusal is
// injected where the app meets IndexedDB: put() on the crops store throws the DOMException
// Chromium raises for a full disk (QuotaExceededError) once 30 crops are stored. (Chromium's
// quota override over the DevTools protocol did not make the app's IndexedDB writes fail here.)

import { expect, test } from '@playwright/test';
import { dropAndWait, lfwFolder, openStudio } from './fixtures';

/** Crops the "disk" holds: the import's first batch of 24 fits, the second does not. */
const CROPS_THAT_FIT = 30;

test('a full disk stops the import with a message, and what was stored stays', async ({ page }) => {
  await page.addInitScript((limit) => {
    let stored = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      if (this.name === 'crops' && ++stored > limit) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    } as typeof put;
  }, CROPS_THAT_FIT);
  await openStudio(page);

  // 57 photos of four people: the first 24 are stored, the second batch hits the full disk.
  const summary = await dropAndWait(page, [
    lfwFolder('Abdullah_Gul'),
    lfwFolder('Adrien_Brody'),
    lfwFolder('Andy_Roddick'),
    lfwFolder('Ann_Veneman'),
  ]);
  expect(summary).toContain('Import stopped: 24 added');
  await expect(page.getByRole('region', { name: 'Import summary' }).getByRole('alert')).toHaveText(
    'The browser ran out of storage space for Face Studio. Free some space or delete images, ' +
      'then try again. The 24 images stored before this are kept.',
  );
  await expect(page.getByText(/(person|people) · 24 images/)).toBeVisible();

  // Nothing stored is lost, and nothing half-stored appears: the same 24 after a reload, and
  // no crop or thumbnail of the failed batch is left behind in storage.
  await page.reload();
  await expect(page.getByText(/(person|people) · 24 images/)).toBeVisible();
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('face-studio');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => resolve(open.result);
    });
    const count = (store: string) =>
      new Promise<number>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const counts = {
      images: await count('images'),
      crops: await count('crops'),
      thumbs: await count('thumbs'),
    };
    db.close();
    return counts;
  });
  expect(stored).toEqual({ images: 24, crops: 24, thumbs: 24 });
  const firstPerson = page.getByRole('article', { name: 'Abdullah_Gul' });
  await expect(firstPerson.getByRole('img').first()).toBeVisible();
});
