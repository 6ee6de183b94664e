import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Projects: `unit` (pure tests beside their modules: no servers, no global setup), `integration`
// (test/**: real Temporal servers, Postgres, SMTP, Dovecot) and `browser` (test/web/**: Chromium on the
// built UI). Only the server projects bundle the workflows and resolve the Temporal binaries first.
// Every test file starts its own servers (a Temporal dev or time-skipping server per file or per test,
// its own database, SMTP, Dovecot, Chromium) on free ports, so files share no state and may run side by
// side: TEST_FILE_WORKERS=2 runs two at a time (maxWorkers is a root option). The default stays one at a
// time: measured on the shared 2-core machine under load 12-20, two at a time was only ~15 % faster and
// failed more tests that wait on deadlines (the API's 5 s intake wait, 3 s AI budget); to be switched on
// once a quiet 2-core run is green twice. The few files that drive bursts of concurrent intakes or several
// real processes against deadlines are each a project of their own in a later `groupOrder`: they run
// alone, after the rest, whatever the worker count.
const CHAOS_FILES = ['test/platform/chaos.test.ts'];
const ALONE_FILES = ['test/platform/processes.test.ts', 'test/api/rules.test.ts', 'test/api/capacity.test.ts'];
const withServers = { globalSetup: ['test/global-setup.ts'], hookTimeout: 180_000 };

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'data/**', '.tools/**', 'dist/**'],
    maxWorkers: Number(process.env.TEST_FILE_WORKERS ?? 1),
    minWorkers: 1,
    // The app's JSON log lines go to stdout: warnings and errors only while tests run (test/ops/logs.test.ts sets info).
    env: { LOG_LEVEL: 'warn' },
    testTimeout: 60_000,
    // expect.poll gives up after 1 s by default: a page's re-read after a click, or a projection, can take
    // longer on the shared 2-core machine under load. A wait on a condition, not a latency bound (a test
    // that bounds latency says so with its own timeout).
    expect: { poll: { timeout: 15_000 } },
    projects: [
      { extends: true, test: { name: 'unit', include: ['**/*.test.ts'], exclude: ['test/**'] } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: ['test/web/**', ...CHAOS_FILES, ...ALONE_FILES], ...withServers } },
      { extends: true, test: { name: 'browser', include: ['test/web/**/*.test.ts'], ...withServers } },
      ...ALONE_FILES.map((file, i) => ({
        extends: true as const,
        test: { name: `alone:${path.basename(file, '.test.ts')}`, include: [file], sequence: { groupOrder: i + 1 }, ...withServers },
      })),
      // Five faults in a row against several real processes: many minutes on this machine, so a stage of
      // its own (`npm run test:chaos`) rather than part of every `npm test`. The one-fault multi-process
      // test (test/platform/processes.test.ts, ~2 min) runs with `npm test`, alone.
      ...(process.env.CHAOS ? [{ extends: true as const, test: { name: 'chaos', include: CHAOS_FILES, testTimeout: 900_000, sequence: { groupOrder: ALONE_FILES.length + 1 }, ...withServers } }] : []),
    ],
  },
});
