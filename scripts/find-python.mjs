// Finds a Python for the trainer's tests (trainer/, pytest), or installs one: $PYTHON, then
// `python3` on PATH, then Debian's /usr/bin/python3, whichever imports torch, PIL, numpy and
// pytest; where none does, Debian's python3-torch, python3-pil and python3-pytest when running as
// root on Debian (as find-chromium.mjs does for Chromium), else a message saying how. Prints the
// interpreter and its torch version, or exits: a trainer that cannot be tested fails the suite.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEBIAN_PACKAGES = ['python3-torch', 'python3-pil', 'python3-pytest'];
const CHECK = 'import torch, PIL, numpy, pytest; print(torch.__version__)';

/** The torch version `python` imports with PIL, numpy and pytest, or null. */
function torchVersion(python) {
  const result = spawnSync(python, ['-c', CHECK], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

export function findPython() {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
  for (const python of candidates) {
    const version = torchVersion(python);
    if (version) return { python, version };
  }
  return null;
}

function tryInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/etc/debian_version')) return;
  console.error(`[python] no Python with torch found: installing ${DEBIAN_PACKAGES.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', ...DEBIAN_PACKAGES], { stdio: 'inherit', env });
}

export function ensurePython() {
  let found = findPython();
  if (!found) {
    tryInstall();
    found = findPython();
  }
  if (!found) {
    console.error(
      [
        'No Python with torch, Pillow, numpy and pytest found for the trainer tests (trainer/),',
        'and installing one failed. Do one of these, then run `npm test` again:',
        `  - on Debian/Ubuntu as root: apt-get update && apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`,
        '  - with pip: python3 -m pip install torch pillow numpy pytest',
        '  - or point PYTHON at an interpreter that has them.',
      ].join('\n'),
    );
    process.exit(1);
  }
  console.log(`[python] ${found.python} (torch ${found.version})`);
  return found.python;
}

if (import.meta.url === `file://${process.argv[1]}`) ensurePython();
