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
// The run ends with a summary table (scripts/bench-summary.mjs). `--all` measures every row of
// it, one after another (about 20 minutes here): WASM on one thread and on threads against
// PyTorch's CPU build on 1 and 2 threads (ResNet-18 and MobileFaceNet, 64 px, batch 32, full
// width; PyTorch through ../shared/reference/seed_reference.py when /usr/bin/python3 has torch),
// the import of dev-lfw10to19 (bench-import.mjs), and the main thread's longest tasks and live
// Verify's frames per second through `npm run eval` (a from-scratch run of one epoch, 28 steps,
// and a pretrained-encoder run with a minute of live Verify, on dev-lfw10to19 capped at 20).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summaryTable } from './bench-summary.mjs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';
import { startPreview } from './preview-server.mjs';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}

const all = process.argv.includes('--all');
const backends = option('backends', all ? 'wasm-1thread,wasm' : 'webgpu,webgl,wasm,cpu').split(',');
const backbones = option('backbones', 'resnet18,mobilefacenet').split(',');
const sizes = option('sizes', all ? '64' : '64,128')
  .split(',')
  .map(Number);
const width = Number(option('width', all ? '1' : '0.25'));
const batch = Number(option('batch', all ? '32' : '8'));
const warmupSteps = Number(option('warmup', '1'));
const timedSteps = Number(option('steps', all ? '3' : '2'));
const shared = resolve(process.env.FACE_STUDIO_SHARED ?? '../shared');
const lfw = join(shared, 'datasets/dev-lfw10to19/images');
/** Every record printed, for the summary. */
const records = [];
const print = (record) => {
  records.push(record);
  console.log(JSON.stringify(record));
};
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
        print({ bench: 'train', backend: run, error: `timed out after ${timeoutMs / 1000} s` });
        resolve();
      }, timeoutMs);
      page.on('console', (message) => {
        const text = message.text();
        if (!text.startsWith('BENCH ')) return;
        const payload = JSON.parse(text.slice(6));
        if (payload.type === 'done' || payload.type === 'error') {
          if (payload.type === 'error')
            print({ bench: 'train', backend: run, error: payload.message });
          clearTimeout(timer);
          resolve();
        } else {
          print({ ...payload, backend: run });
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

/** The last JSON line a command printed, or an error record naming it. */
function jsonOf(bench, command, args) {
  process.stderr.write(`[bench] ${bench}: ${command} ${args.join(' ')}\n`);
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = run.stdout
    ?.split('\n')
    .reverse()
    .find((text) => text.startsWith('{'));
  if (run.status === 0 && line) return JSON.parse(line);
  return { bench, error: `exit ${run.status}: ${(run.stderr ?? '').trim().split('\n').at(-1)}` };
}

if (all) {
  // The reference also needs torchvision (its transforms) and scikit-learn (its ROC).
  const torch = spawnSync('/usr/bin/python3', ['-c', 'import torch, torchvision, sklearn'], {
    encoding: 'utf8',
  });
  for (const threads of [1, 2]) {
    if (torch.status !== 0) break;
    const report = jsonOf('pytorch', '/usr/bin/python3', [
      join(shared, 'reference/seed_reference.py'),
      ...['--data', lfw, '--cap', '20', '--size', '64', '--batch', '32', '--epochs', '2'],
      ...['--opt', 'adam', '--lr', '0.001', '--scale', '32', '--margin', '0.3'],
      ...['--threads', String(threads)],
    ]);
    print({
      bench: 'pytorch',
      threads,
      train_img_per_s: report.train_img_per_s ?? null,
      ...(report.error ? { error: report.error } : {}),
    });
  }
  if (torch.status !== 0)
    process.stderr.write(
      '[bench] no PyTorch, torchvision or scikit-learn for /usr/bin/python3 (apt-get install python3-torch python3-torchvision python3-sklearn): its rows stay empty\n',
    );
  if (existsSync(lfw)) {
    // The import and eval harnesses serve the studio's production build.
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    print(jsonOf('import', 'node', ['scripts/bench-import.mjs', '--data', lfw]));
    const evaluate = (args) =>
      jsonOf('eval', 'node', [
        'scripts/eval.mjs',
        '--no-build',
        '--data',
        lfw,
        '--cap',
        '20',
        ...args,
      ]);
    // One epoch is 28 steps at batch 32; no warm-up, which needs more epochs than it lasts.
    print(evaluate(['--mode', 'from-scratch', '--epochs', '1', '--warmup', '0']));
    print(evaluate(['--live-verify', '60']));
  } else
    process.stderr.write(`[bench] ${lfw} is missing: no import, main-thread or live-Verify rows\n`);
}
console.log(summaryTable(records));
