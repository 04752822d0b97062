// `npm run bench`: times training and inference of both backbones at 64 and 128 on every
// backend in one run (side by side, since this machine is noisy), in headless Chromium on the
// benchmark page (bench.html, built apart from the studio into dist-test-pages/ by
// `npm run build:test-pages`, which this script runs first), and prints one JSON object per line.
//   npm run bench -- [--backends webgpu,webgl,wasm,cpu] [--backbones resnet18,mobilefacenet]
//   (`wasm-1thread` is WASM held to one thread, to pair with `wasm`, which uses threads when the
//   page is cross-origin isolated, as the preview server makes it)
//                    [--sizes 64,128] [--width 0.25] [--batch 8] [--warmup 1] [--steps 2]
//                    [--timeout-per-backend 900] [--profile]   (--profile: WASM kernel times)
// Defaults keep the whole run within minutes on a machine without a GPU (software WebGPU/WebGL);
// pass --width 1 --batch 32 for the full-size networks on real hardware.

import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';
import { startPreview } from './preview-server.mjs';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}

const backends = option('backends', 'webgpu,webgl,wasm,cpu').split(',');
const backbones = option('backbones', 'resnet18,mobilefacenet').split(',');
const sizes = option('sizes', '64,128').split(',').map(Number);
const width = Number(option('width', '0.25'));
const batch = Number(option('batch', '8'));
const warmupSteps = Number(option('warmup', '1'));
const timedSteps = Number(option('steps', '2'));
const timeoutMs = Number(option('timeout-per-backend', '900')) * 1000;
const profile = process.argv.includes('--profile');

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['vite', 'build', '--mode', 'test-pages', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const cases = backbones.flatMap((backbone) =>
  sizes.map((inputSize) => ({ backbone, inputSize, widthMultiplier: width, batchSize: batch })),
);
const server = await startPreview({ testPages: true });
const browser = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  args: CHROMIUM_ARGS,
});
try {
  for (const run of backends) {
    const page = await browser.newPage();
    const backend = run === 'wasm-1thread' ? 'wasm' : run;
    const request = { backend, cases, warmupSteps, timedSteps, profile };
    if (run === 'wasm-1thread') request.wasmThreads = 1;
    const finished = new Promise((resolve) => {
      const timer = setTimeout(() => {
        console.log(
          JSON.stringify({
            bench: 'train',
            backend: run,
            error: `timed out after ${timeoutMs / 1000} s`,
          }),
        );
        resolve();
      }, timeoutMs);
      page.on('console', (message) => {
        const text = message.text();
        if (!text.startsWith('BENCH ')) return;
        const payload = JSON.parse(text.slice(6));
        if (payload.type === 'done' || payload.type === 'error') {
          if (payload.type === 'error')
            console.log(JSON.stringify({ bench: 'train', backend: run, error: payload.message }));
          clearTimeout(timer);
          resolve();
        } else {
          console.log(JSON.stringify({ ...payload, backend: run }));
        }
      });
    });
    process.stderr.write(`[bench] ${run}: ${cases.length} cases…\n`);
    await page.goto(
      `${server.url}/bench.html?request=${encodeURIComponent(JSON.stringify(request))}`,
    );
    await finished;
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
