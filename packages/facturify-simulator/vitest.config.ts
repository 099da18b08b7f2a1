import { defineConfig } from 'vitest/config';

// This package's own run (`npm test -w packages/facturify-simulator`): no database, unlike the root config's
// global setup, so the whole package runs in a few seconds. The root `vitest run` picks these files up too.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
