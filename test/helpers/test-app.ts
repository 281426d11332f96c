import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp, type AppInstance } from '../../src/http/app.ts';
import { createBackgroundJobs, type BackgroundJobs } from '../../src/jobs/start-background-jobs.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';
import { buildStaff, TEST_PASSWORD } from './factories.ts';
import { installResponseCheck, type ResponseMismatch } from './response-check.ts';

export interface TestApp extends TestDatabase {
  app: AppInstance;
  config: Config;
  /** Answers that broke their route's response schema so far (each also answered 500). */
  responseMismatches: ResponseMismatch[];
  /**
   * The background jobs on the test clock, created but not started: nothing projects or fires behind
   * a test's back. A test that reads clocks calls `t.jobs.clockEngine.catchUp()` first; the others `runOnce()`.
   */
  jobs: BackgroundJobs;
  /** Moves the app's clock (sessions, lockouts) without waiting. */
  clock: { nowMs: number; advance(ms: number): void };
  close(): Promise<void>;
}

/** The real app on a fresh database, with an injectable clock and its background jobs (not started). */
export async function createTestApp(configOverrides: Partial<Config> = {}): Promise<TestApp> {
  const tdb = await createTestDatabase();
  const config = { ...loadConfig({}), ...configOverrides };
  const clock = {
    nowMs: Date.now(),
    advance(ms: number) {
      this.nowMs += ms;
    },
  };
  const responseMismatches: ResponseMismatch[] = [];
  const app = await buildApp({
    db: tdb.db, databaseUrl: tdb.url, config, now: () => clock.nowMs,
    beforeRoutes: (a) => installResponseCheck(a, (m) => responseMismatches.push(m)),
  });
  await app.ready();
  const jobs = createBackgroundJobs({ db: tdb.db, databaseUrl: tdb.url, now: () => clock.nowMs });
  return {
    ...tdb,
    app,
    config,
    clock,
    responseMismatches,
    jobs,
    async close() {
      try {
        await jobs.stop();
      } finally {
        await app.close();
        await tdb.close();
      }
      // Every test file closes its app: an answer that broke its contract fails the file here, even
      // when the test that caused it did not look at the status.
      if (responseMismatches.length > 0) {
        throw new Error(`Responses that do not match their schema:\n${responseMismatches.map((m) => `${m.method} ${m.url} ${m.status}: ${m.problem}`).join('\n')}`);
      }
    },
  };
}

/** A signed-in API client over `inject` that sends the session cookie and the CSRF token. */
export interface Client {
  userId: number;
  cookie: string;
  csrfToken: string;
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function signIn(app: AppInstance, email: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'centric_session');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json<{ csrfToken: string; user: { id: number } }>();
  return {
    userId: body.user.id,
    cookie: `centric_session=${cookie.value}`,
    csrfToken: body.csrfToken,
    request(method, url, payload, headers = {}) {
      return app.inject({
        method,
        url,
        headers: { cookie: `centric_session=${cookie.value}`, 'x-csrf-token': body.csrfToken, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    },
  };
}

/** A new staff member with the given roles, already signed in. */
export async function signInNew(t: TestApp, opts: Parameters<typeof buildStaff>[1] = {}): Promise<Client & { email: string }> {
  const staff = await buildStaff(t.db, opts);
  return { ...(await signIn(t.app, staff.email, staff.password)), email: staff.email };
}
