// Finds a Chromium for the end-to-end tests, or installs one (DESIGN.md section 6):
// CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own browser; where none is
// found, Debian's `chromium` package when running as root on Debian, else
// `npx playwright install chromium`. Prints the path, or exits with a message saying what to do.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags for Chromium on machines without a GPU (DESIGN.md section 6). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];

function playwrightOwn() {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return SYSTEM_PATHS.find((p) => existsSync(p)) ?? playwrightOwn();
}

function tryInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.error('[chromium] none found: installing Debian’s chromium package (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  } else {
    console.error('[chromium] none found: running `npx playwright install chromium`…');
    spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  }
}

export function ensureChromium() {
  let path = findChromium();
  if (!path) {
    tryInstall();
    path = findChromium();
  }
  if (!path) {
    console.error(
      [
        'No Chromium found for the end-to-end tests, and installing one failed.',
        'Do one of these, then run `npm test` again:',
        '  - on Debian/Ubuntu as root: apt-get update && apt-get install -y chromium',
        '  - anywhere with internet access: npx playwright install chromium',
        '  - or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
      ].join('\n'),
    );
    process.exit(1);
  }
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`[chromium] ${path} (${version})`);
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
