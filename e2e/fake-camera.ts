// A webcam for the tests: a Y4M video (what Chromium's --use-file-for-fake-video-capture plays,
// in a loop) of a real LFW face moving slightly in front of a grey wall, written once per run.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBaselineJpeg } from '../src/ml/pretrained/test-utils/baseline-jpeg';
import { LFW } from './fixtures';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 10;

export const FAKE_CAMERA_FILE = join(tmpdir(), 'face-studio-fake-camera.y4m');

/**
 * Writes the video of `face` (a baseline JPEG of at most 440×360) to `file`, unless it is there;
 * answers the file.
 */
export function writeFakeCameraVideo(
  face = join(LFW, 'Ann_Veneman/Ann_Veneman_0001.jpg'),
  file = FAKE_CAMERA_FILE,
): string {
  if (existsSync(file)) return file;
  const image = decodeBaselineJpeg(new Uint8Array(readFileSync(face)));
  if (image.width > 440 || image.height > 360)
    throw new Error(
      `${face} is ${image.width}×${image.height}; the fake camera takes 440×360 at most.`,
    );
  const chunks: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F5:1 Ip A1:1 C420jpeg\n`)];
  const rgb = new Uint8Array(WIDTH * HEIGHT * 3).fill(150);
  for (let f = 0; f < FRAMES; f++) {
    const dx = 195 + Math.round(8 * Math.sin(f / 2));
    const dy = 115;
    rgb.fill(150);
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const to = ((y + dy) * WIDTH + (x + dx)) * 3;
        const from = (y * image.width + x) * 3;
        rgb[to] = image.rgb[from] as number;
        rgb[to + 1] = image.rgb[from + 1] as number;
        rgb[to + 2] = image.rgb[from + 2] as number;
      }
    }
    const yPlane = Buffer.alloc(WIDTH * HEIGHT);
    const uPlane = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
    const vPlane = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
    for (let i = 0; i < WIDTH * HEIGHT; i++) {
      const [r, g, b] = [rgb[i * 3] as number, rgb[i * 3 + 1] as number, rgb[i * 3 + 2] as number];
      yPlane[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
    for (let y = 0; y < HEIGHT / 2; y++) {
      for (let x = 0; x < WIDTH / 2; x++) {
        const i = (y * 2 * WIDTH + x * 2) * 3;
        const [r, g, b] = [rgb[i] as number, rgb[i + 1] as number, rgb[i + 2] as number];
        uPlane[y * (WIDTH / 2) + x] = Math.max(
          0,
          Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)),
        );
        vPlane[y * (WIDTH / 2) + x] = Math.max(
          0,
          Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)),
        );
      }
    }
    chunks.push(Buffer.from('FRAME\n'), yPlane, uPlane, vPlane);
  }
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}
