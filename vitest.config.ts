// Vitest: unit tests beside the code (src/**/*.test.ts, and the harnesses' scripts/**/*.test.mjs), run in Node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    testTimeout: 120_000,
    pool: 'forks',
  },
});
