import { defineConfig } from 'vitest/config';

// Workers inherit this before any module loads. Centric's own code never reads the process time zone
// (time zones are explicit), but chinese-days builds its tables in local time at import, which a unit
// test cross-checks; pinning UTC makes every machine see the same dates.
process.env.TZ = 'UTC';

// Three projects: pure unit tests beside the domain code, API tests against a real PostgreSQL,
// and browser tests (Debian chromium). `npm test` runs unit + api; `npm run test:e2e` the browser.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
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
