// Makes the photos a user brings that the datasets lack, by drawing real LFW faces on a canvas in
// the browser: a group photo (two people, one larger) and a landscape with no face at all.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LFW, tempDir } from './fixtures';

export interface SyntheticPhotos {
  dir: string;
  /** Two people: the larger one is on the right. */
  group: string;
  /** Sky, hills and a sun: no face. */
  landscape: string;
}

export async function makeSyntheticPhotos(
  page: Page,
  folderName = 'Holiday',
): Promise<SyntheticPhotos> {
  const small = readFileSync(join(LFW, 'Adrien_Brody/Adrien_Brody_0002.jpg')).toString('base64');
  const large = readFileSync(join(LFW, 'Andy_Roddick/Andy_Roddick_0001.jpg')).toString('base64');
  const made = await page.evaluate(
    async ({ small, large }) => {
      // Not fetch(data:…): the studio's Content-Security-Policy allows only its own origin.
      const bitmap = async (b64: string) =>
        createImageBitmap(
          new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }),
        );
      const toBase64 = async (canvas: OffscreenCanvas) => {
        const bytes = new Uint8Array(
          await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer(),
        );
        let text = '';
        for (const byte of bytes) text += String.fromCharCode(byte);
        return btoa(text);
      };
      const group = new OffscreenCanvas(640, 400);
      const g = group.getContext('2d') as OffscreenCanvasRenderingContext2D;
      g.fillStyle = '#9aa';
      g.fillRect(0, 0, 640, 400);
      g.drawImage(await bitmap(small), 20, 150, 200, 200);
      g.drawImage(await bitmap(large), 260, 20, 370, 370);
      const landscape = new OffscreenCanvas(640, 400);
      const l = landscape.getContext('2d') as OffscreenCanvasRenderingContext2D;
      const sky = l.createLinearGradient(0, 0, 0, 400);
      sky.addColorStop(0, '#4a90d9');
      sky.addColorStop(1, '#cfe8ff');
      l.fillStyle = sky;
      l.fillRect(0, 0, 640, 400);
      l.fillStyle = '#f5d020';
      l.beginPath();
      l.arc(500, 90, 45, 0, Math.PI * 2);
      l.fill();
      l.fillStyle = '#3b7d3b';
      l.beginPath();
      l.moveTo(0, 400);
      l.quadraticCurveTo(200, 200, 400, 330);
      l.quadraticCurveTo(520, 260, 640, 320);
      l.lineTo(640, 400);
      l.fill();
      return { group: await toBase64(group), landscape: await toBase64(landscape) };
    },
    { small, large },
  );
  const root = tempDir('photos');
  const dir = join(root, folderName);
  mkdirSync(dir);
  const group = join(dir, 'group.jpg');
  const landscape = join(dir, 'landscape.jpg');
  writeFileSync(group, Buffer.from(made.group, 'base64'));
  writeFileSync(landscape, Buffer.from(made.landscape, 'base64'));
  return { dir, group, landscape };
}
