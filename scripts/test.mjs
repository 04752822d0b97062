// `npm test`: the whole suite in order — no merge conflict markers left, type check, lint, format (Prettier), unit tests (Vitest),
// the PyTorch trainer's tests (pytest), production build, the test pages' build
// (dist-test-pages/), and end-to-end tests (Playwright in a real Chromium). Stops at the first
// failure.
// `--only-e2e` skips straight to the build and the browser tests; extra args go to Playwright.

import { spawnSync } from 'node:child_process';
import { ensureChromium } from './find-chromium.mjs';
import { ensurePython } from './find-python.mjs';

const args = process.argv.slice(2);
const onlyE2e = args.includes('--only-e2e');
const playwrightArgs = args.filter((a) => a !== '--only-e2e');

function run(title, command, commandArgs, env = process.env) {
  const started = Date.now();
  console.log(`\n=== ${title}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(
      `\n✗ ${title} failed after ${seconds} s (exit ${result.status ?? result.signal}).`,
    );
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${seconds} s)`);
}

if (!onlyE2e) {
  run('no merge conflict markers', 'node', ['scripts/no-conflict-markers.mjs']);
  run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
  run('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
  run('unit tests', 'npx', ['vitest', 'run']);
  // The trainer's tests run the studio's TypeScript and onnxruntime-web with this same Node.
  run('trainer tests', ensurePython(), ['-m', 'pytest', 'trainer', '-q'], {
    ...process.env,
    FACE_STUDIO_NODE: process.execPath,
  });
}
const chromiumPath = ensureChromium();
run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
run('test pages build', 'npx', ['vite', 'build', '--mode', 'test-pages', '--logLevel', 'warn']);
run('end-to-end tests', 'npx', ['playwright', 'test', ...playwrightArgs], {
  ...process.env,
  CHROMIUM_PATH: chromiumPath,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
});
console.log('\nAll checks passed.');
