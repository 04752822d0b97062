// Starts `vite preview` on a free port for the Node scripts that drive Chromium (benchmarks,
// eval), waits until it answers, and returns its URL and a stop function: of the studio (dist/),
// or with `testPages` of the test pages (dist-test-pages/: bench.html, model-check.html).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startPreview({ testPages = false } = {}) {
  const [folder, page, build] = testPages
    ? ['dist-test-pages', 'bench.html', 'npm run build:test-pages']
    : ['dist', 'index.html', 'npm run build'];
  if (!existsSync(`${folder}/${page}`)) throw new Error(`No build found: run \`${build}\` first.`);
  const port = await freePort();
  const mode = testPages ? ['--mode', 'test-pages'] : [];
  // Its own process group, so stopping it also ends the vite process npx starts.
  const child = spawn('npx', ['vite', 'preview', ...mode, '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/${page}`)).ok) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not start on ${url}`);
}
