import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { startBackgroundJobs } from '../../src/jobs/start-background-jobs.ts';
import { buildStaff } from './factories.ts';
import { createTestDatabase } from './test-db.ts';
import { installResponseCheck, type ResponseMismatch } from './response-check.ts';

export interface TestServer {
  baseUrl: string;
  db: Db;
  admin: { email: string; password: string; id: number };
  close(): Promise<void>;
}

/** The real server over real HTTP on 127.0.0.1 (web app included when built) with its background jobs running, a fresh database with one admin. */
export async function startTestServer(): Promise<TestServer> {
  const tdb = await createTestDatabase();
  const mismatches: ResponseMismatch[] = [];
  const app = await buildApp({
    db: tdb.db, databaseUrl: tdb.url, config: loadConfig({}),
    beforeRoutes: (a) => installResponseCheck(a, (m) => {
      console.error(`[response check] ${m.method} ${m.url} ${m.status}: ${m.problem}`);
      mismatches.push(m);
    }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // As in production (src/main.ts): the browser sees clocks projected and fired live.
  const jobs = startBackgroundJobs({ db: tdb.db, databaseUrl: tdb.url });
  const { port } = app.server.address() as { port: number };
  const admin = await buildStaff(tdb.db, { email: 'admin@example.com', name: 'Ada Admin', roles: ['admin'] });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db: tdb.db,
    admin: { email: admin.email, password: admin.password, id: admin.id },
    async close() {
      try {
        await jobs.stop();
      } finally {
        await app.close();
        await tdb.close();
      }
      if (mismatches.length > 0) throw new Error(`Responses that do not match their schema:\n${mismatches.map((m) => `${m.method} ${m.url} ${m.status}: ${m.problem}`).join('\n')}`);
    },
  };
}
