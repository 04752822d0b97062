// Shared helpers for the end-to-end tests: where the real faces are, files that are wrong in
// every way a user's folder can be, and waiting for an import to finish on screen.

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { dropPaths } from '../scripts/drop-paths.mjs';

export const SHARED =
  process.env.FACE_STUDIO_SHARED ?? resolve(import.meta.dirname, '../../shared');
export const LFW = join(SHARED, 'datasets/dev-lfw10to19/images');
export const ORL = join(SHARED, 'datasets/orl-att-faces/images');

export function lfwFolder(name: string): string {
  return join(LFW, name);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `face-studio-${prefix}-`));
}

/**
 * A copy of an LFW person's folder without one photo, so that a test can verify a photo the
 * network never saw: `folder` is the copy to import, `heldOut` the photo left out.
 */
export function lfwFolderHoldingOut(
  name: string,
  photo: string,
): { folder: string; heldOut: string } {
  const source = lfwFolder(name);
  const heldOut = join(source, photo);
  if (!existsSync(heldOut)) throw new Error(`${heldOut} does not exist`);
  const folder = join(tempDir('held-out'), name);
  mkdirSync(folder);
  for (const file of readdirSync(source))
    if (file !== photo) copyFileSync(join(source, file), join(folder, file));
  return { folder, heldOut };
}

/** A folder "Mixed Bag" of one good face and six bad files, plus a folder with no images. */
export function makeBadFiles(): { root: string; good: string } {
  const root = tempDir('bad');
  const dir = join(root, 'Mixed Bag');
  mkdirSync(dir);
  mkdirSync(join(root, 'Empty Folder'));
  const jpeg = readFileSync(join(LFW, 'Adrien_Brody/Adrien_Brody_0001.jpg'));
  const png = readFileSync(join(ORL, 's1/1.png'));
  copyFileSync(join(LFW, 'Adrien_Brody/Adrien_Brody_0001.jpg'), join(dir, 'good.jpg'));
  writeFileSync(join(dir, 'good_copy.jpg'), jpeg);
  writeFileSync(join(dir, 'notes.txt'), 'shopping list: milk, eggs\n');
  writeFileSync(join(dir, 'empty.jpg'), Buffer.alloc(0));
  writeFileSync(join(dir, 'truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  const corrupt = Buffer.from(png);
  corrupt.fill(0x55, 60, corrupt.length - 40); // damage the compressed pixel data, keep the chunks' frame
  writeFileSync(join(dir, 'corrupt.png'), corrupt);
  const huge = Buffer.from(png);
  huge.writeUInt32BE(10000, 16);
  huge.writeUInt32BE(10000, 20);
  writeFileSync(join(dir, 'huge.png'), huge);
  return { root, good: join(dir, 'good.jpg') };
}

export async function openStudio(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Face Studio' })).toBeVisible();
  await expect(page.getByText(/(person|people) · \d+ images?/)).toBeVisible();
}

/** Drops paths on the Dataset screen and waits for the import summary. */
export async function dropAndWait(page: Page, paths: string[]): Promise<string> {
  const summary = page.getByRole('region', { name: 'Import summary' });
  // Close the last import's summary first, so that the one awaited below is this import's.
  if (await summary.isVisible()) await page.getByRole('button', { name: 'Close summary' }).click();
  await dropPaths(page, page.getByTestId('drop-zone'), paths);
  await expect(summary).toBeVisible({ timeout: 90_000 });
  return (await summary.textContent()) ?? '';
}

export function card(page: Page, name: string) {
  return page.getByRole('article', { name });
}

/** How many records an object store of the studio's IndexedDB holds now (read in the page). */
export function storedCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (store) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('face-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(store).objectStore(store).count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}
