// Every worker the studio starts installs the same-origin guard before anything else: each
// `*.worker.ts` entry's first import is guard-this-worker, and every `new Worker(new URL(…))`
// in src/ starts one of those entries (read from the sources, not run).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..');
const sources = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
  .map((file) => join(SRC, file));
const entries = sources.filter((file) => file.endsWith('.worker.ts'));

/** The module a file imports first for its value (type-only imports vanish at build). */
function firstImport(file: string): string | undefined {
  const imports = readFileSync(file, 'utf8').matchAll(
    /^import\s+(?!type\b)(?:[^'"]*from\s+)?['"]([^'"]+)['"]/gm,
  );
  return imports.next().value?.[1];
}

describe('worker entries', () => {
  it('are found: the import pool, the training worker, the labelling worker and the benchmark', () => {
    expect(entries.map((file) => relative(SRC, file)).sort()).toEqual([
      'bench/bench.worker.ts',
      'worker/import.worker.ts',
      'worker/labelling.worker.ts',
      'worker/training.worker.ts',
    ]);
  });

  it.each(entries.map((file) => [relative(SRC, file), file]))(
    '%s imports guard-this-worker first',
    (_, file) => {
      const first = firstImport(file);
      expect(first && resolve(dirname(file), first)).toBe(join(SRC, 'worker/guard-this-worker'));
    },
  );

  it('are the only scripts the app starts as workers', () => {
    const started = sources.flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /new\s+(?:Shared)?Worker\(\s*new URL\(\s*['"]([^'"]+)['"]/g,
        ),
      ].map((match) => resolve(dirname(file), match[1] as string)),
    );
    expect(started.length).toBeGreaterThanOrEqual(4);
    for (const script of started) expect(entries).toContain(script);
    const anyWorker = sources.filter((file) =>
      /new\s+(?:Shared)?Worker\(/.test(readFileSync(file, 'utf8')),
    );
    expect(anyWorker.map((file) => relative(SRC, file)).sort()).toEqual([
      'bench/bench-main.ts',
      'worker/import-pool.ts',
      'worker/labelling-client.ts',
      'worker/training-client.ts',
    ]);
  });
});
