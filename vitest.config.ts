import { defineConfig } from 'vitest/config';

// Workers inherit this before any module loads. Centric's own code never reads the process time zone
// (time zones are explicit), but chinese-days builds its tables in local time at import, which a unit
// test cross-checks; pinning UTC makes every machine see the same dates.
process.env.TZ = 'UTC';

// Four projects: pure unit tests beside the domain code, API tests against a real PostgreSQL,
// slow tests (whole Centric processes, thousands of rows) and browser tests (Debian chromium).
// `npm test` runs unit + api + slow; `npm run test:e2e` the browser. CI runs the api project alone
// again on the PostgreSQL server and on Node 24; slow runs once.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          // Pure code with no module state worth a fresh copy: files share one module cache per worker
          // instead of each re-importing the domain (most of the project's time went to imports).
          isolate: false,
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          environment: 'node',
          // Each file builds its own app on its own database, and Centric's module state is already
          // safe for several apps and databases in one process (calendars cached by content, one
          // metrics registry per app), so files share the module cache of their worker instead of
          // importing the whole server again each (3 files: import 27 s -> 6 s, user CPU 11 s -> 8 s).
          isolate: false,
          globalSetup: ['test/helpers/global-setup.ts'],
          setupFiles: ['test/helpers/cheap-passwords.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // Tests that start `src/main.ts` processes (start, kill -9, the CLI) or move thousands of rows.
          name: 'slow',
          include: ['test/slow/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Browser assertions retry until this timeout instead of reading the page once.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
