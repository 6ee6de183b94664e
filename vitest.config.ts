import { defineConfig } from 'vitest/config';

// Temporal servers, Postgres and Dovecot are shared, real processes: run test files one at a time
// so timer tests on the time-skipping server never race each other on this 2-core machine.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**', '.tools/**', 'dist/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    hookTimeout: 180_000,
  },
});
