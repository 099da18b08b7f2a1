import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/**/*.test.ts', 'packages/**/*.test.ts', 'apps/**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['apps/server/test/support/global-setup.ts'],
    setupFiles: ['apps/web/src/testing/dom-timeouts.ts'],
    // Files run in parallel, each with its own database on the shared test server. Vitest's own
    // default in `run` mode is one worker fewer than the cores: on the 2-core CI machines that was
    // one worker, every file in series (the suite took 8.7 min here; 2 workers cut a sample of 24
    // files from 35 s to 24 s). At least two, then the default.
    pool: 'forks',
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_OPTIONS: '--openssl-legacy-provider' },
  },
});
