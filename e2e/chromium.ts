// How Face Studio's tests launch Chromium on machines without a GPU (DESIGN.md section 6):
// the system Chromium, WebGPU enabled on its software adapter, and no background networking.

import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];

/** CHROMIUM_PATH, then Debian's /usr/bin/chromium; undefined lets Playwright use its own. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p) && existsSync(p as string));
}
