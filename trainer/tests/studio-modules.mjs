// Loads the studio's own TypeScript modules (src/…) into plain Node for the trainer's tests.
// Why Vite's runnerImport: Node 20 cannot run TypeScript, and even Node's type stripping would
// not resolve the studio's extensionless imports ('../lib/errors'); Vite is already what builds
// and tests the studio (Vitest runs on it), so its module runner transforms the files exactly as
// the studio's own unit tests see them, without another dependency or a build step.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The exports of `src/<path>` (a .ts module of the studio). */
export async function studioModule(path) {
  const { module } = await runnerImport(`${REPO_ROOT}src/${path}`, {
    configFile: false,
    logLevel: 'silent',
    root: REPO_ROOT,
  });
  return module;
}
