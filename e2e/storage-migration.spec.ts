// A studio in use before the single database (one idb-keyval database per store, each with
// an object store 'records', as main wrote them up to 0467e6a) opens with today's build: its
// people and photos are there, once, across reloads, and the old databases are gone.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LFW } from './fixtures';

const PHOTOS = ['Ann_Veneman_0003.jpg', 'Ann_Veneman_0004.jpg', 'Ann_Veneman_0005.jpg'];

test('a studio stored by the previous version opens with its people and photos', async ({
  page,
}) => {
  const jpegs = PHOTOS.map((name) =>
    readFileSync(join(LFW, 'Ann_Veneman', name)).toString('base64'),
  );
  // Any page of the app's origin that does not start the app: the old layout is written there.
  await page.goto('/favicon.svg');
  await page.evaluate(async (photos) => {
    const put = (database: string, entries: [string, unknown][]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(database);
        open.onupgradeneeded = () => open.result.createObjectStore('records');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('records', 'readwrite');
          for (const [key, value] of entries) tx.objectStore('records').put(value, key);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      });
    const blob = (b64: string) =>
      new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' });
    const ids = photos.map((_, i) => `img_legacy${i}`);
    await put('face-studio-identities', [
      ['p_ann', { id: 'p_ann', name: 'Ann Veneman', createdAt: 1 }],
      ['p_empty', { id: 'p_empty', name: 'Nobody Yet', createdAt: 2 }],
    ]);
    await put(
      'face-studio-crops',
      ids.map((id, i) => [id, blob(photos[i]!)]),
    );
    await put(
      'face-studio-thumbs',
      ids.map((id, i) => [id, blob(photos[i]!)]),
    );
    await put(
      'face-studio-images',
      ids.map((id, i) => [
        id,
        {
          id,
          identityId: 'p_ann',
          sourceName: `Ann Veneman/legacy_${i}.jpg`,
          hash: `legacy-${i}`,
          width: 250,
          height: 250,
          format: 'jpeg',
          bytes: 10_000,
          addedAt: 1 + i,
          captureGroup: `legacy_${i}`,
          crop: 'aligned',
          facesFound: 1,
        },
      ]),
    );
  }, jpegs);

  const legacyLeft = () =>
    page.evaluate(async () =>
      (await indexedDB.databases()).flatMap((d) =>
        d.name?.startsWith('face-studio-') ? [d.name] : [],
      ),
    );
  expect(await legacyLeft()).toHaveLength(4);

  for (let open = 0; open < 2; open++) {
    await page.goto('/');
    await expect(page.getByText('2 people · 3 images')).toBeVisible();
    const ann = page.getByRole('article', { name: 'Ann Veneman' });
    await expect(ann.getByText('3 images')).toBeVisible();
    await expect(ann.getByRole('img').first()).toBeVisible();
    // The thumbnail is the stored photo, decoded.
    expect(
      await ann
        .getByRole('img')
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(250);
    await expect(page.getByRole('article', { name: 'Nobody Yet' })).toBeVisible();
  }
  await expect.poll(legacyLeft).toEqual([]);
});
