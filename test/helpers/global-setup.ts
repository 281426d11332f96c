import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createKysely, createPool } from '../../src/db/connect.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embedded.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL on the test server with the right to CREATE DATABASE. */
    pgAdminUrl: string;
    /** The migrated template every test file's database is cloned from. */
    templateDb: string;
    /** Prefix of this run's databases, so teardown drops exactly them. */
    dbPrefix: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL per test run: embedded (a throw-away cluster) by default, or the server in
 * TEST_DATABASE_URL. The schema is migrated once into a template; each test file clones it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomBytes(4).toString('hex');
  const prefix = `centric_t_${runId}`;
  let embedded: EmbeddedServer | null = null;
  let tmpDir: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'centric-test-'));
    // As root, PostgreSQL runs as the postgres user, who must be able to enter mkdtemp's 0700 folder.
    await fs.chmod(tmpDir, 0o755);
    embedded = await startEmbeddedPostgres({ pgDir: path.join(tmpDir, 'pg'), unsafeFast: true });
    adminUrl = embedded.adminUrl;
  }
  const template = `${prefix}_tpl`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  await admin.end();
  const pool = createPool(withDatabase(adminUrl, template), 2);
  const db = createKysely(pool);
  await migrateToLatest(db as never);
  await db.destroy();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', template);
  project.provide('dbPrefix', prefix);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    await client.end();
    if (embedded) await embedded.stop();
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  };
}
