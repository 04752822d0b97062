// Drives model-check.html, the plain TF.js page of the end-to-end tests: its window.modelCheck
// (src/model-check/model-check-main.ts) from Node, with image files passed as bytes. The page is
// not in the studio's build: it is served from the test pages' own origin (e2e/servers.ts).

import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { ImageBytes, ModelCheck } from '../src/model-check/model-check-main';
import { TEST_PAGES_URL } from './servers';

export type { EncoderRun, ImageBytes, ModelCheck } from '../src/model-check/model-check-main';

export async function openModelCheck(page: Page): Promise<void> {
  await page.goto(`${TEST_PAGES_URL}/model-check.html`);
  await expect(page.locator('#output')).toContainText('Ready', { timeout: 60_000 });
}

export function imageBytes(bytes: Uint8Array, name: string): ImageBytes {
  return { bytes: Array.from(bytes), type: name.endsWith('.png') ? 'image/png' : 'image/jpeg' };
}

export function imageFile(path: string): ImageBytes {
  return imageBytes(new Uint8Array(readFileSync(path)), path);
}

/** Calls one of window.modelCheck's methods in the page. */
export function callModelCheck<K extends keyof ModelCheck>(
  page: Page,
  method: K,
  ...args: Parameters<ModelCheck[K]>
): Promise<Awaited<ReturnType<ModelCheck[K]>>> {
  return page.evaluate(
    ([name, params]) => {
      const check = (
        window as unknown as { modelCheck: Record<string, (...a: unknown[]) => unknown> }
      ).modelCheck;
      return check[name]?.(...params) as Promise<never>;
    },
    [method, args] as const,
  );
}
