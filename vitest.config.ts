import { defineConfig } from 'vitest/config';

// Three projects: `unit` (pure tests beside their modules: no servers, no global setup), `integration`
// (test/**: real Temporal servers, Postgres, SMTP, Dovecot) and `browser` (test/web/**: Chromium on the
// built UI). Only the last two bundle the workflows and resolve the Temporal binaries first.
// Temporal servers, Postgres and Dovecot are shared, real processes: run test files one at a time
// (fileParallelism is a root option, so it holds across projects) so timer tests on the time-skipping
// server never race each other on this 2-core machine.
const CHAOS_FILES = ['test/platform/chaos.test.ts'];
const withServers = { globalSetup: ['test/global-setup.ts'], hookTimeout: 180_000 };

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'data/**', '.tools/**', 'dist/**'],
    fileParallelism: false,
    // The app's JSON log lines go to stdout: warnings and errors only while tests run (test/ops/logs.test.ts sets info).
    env: { LOG_LEVEL: 'warn' },
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['**/*.test.ts'], exclude: ['test/**'] } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: ['test/web/**', ...CHAOS_FILES], ...withServers } },
      { extends: true, test: { name: 'browser', include: ['test/web/**/*.test.ts'], ...withServers } },
      // Five faults in a row against several real processes: many minutes on this machine, so a stage of
      // its own (`npm run test:chaos`) rather than part of every `npm test`. The one-fault multi-process
      // test (test/platform/processes.test.ts, ~2 min) runs in `integration`.
      ...(process.env.CHAOS ? [{ extends: true as const, test: { name: 'chaos', include: CHAOS_FILES, testTimeout: 900_000, ...withServers } }] : []),
    ],
  },
});
