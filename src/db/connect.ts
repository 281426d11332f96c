import path from 'node:path';
import { Kysely, PostgresDialect, sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';
import type { Database } from './schema.ts';

// int8 (ids, counts) come back as JS numbers everywhere, not strings: ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// numeric stays a string in pg; we want numbers for scores and shares.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  /** The URL the pool connects to (useful for LISTEN clients and child processes). */
  url: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

const PREPARED_MARK = /\/\* prepared:([a-z0-9-]+) \*\//;

/**
 * Marks a hot statement to be prepared once per connection and then only bound and executed: a
 * big statement spends far longer being planned than running (registration: 1.8 ms against 0.5).
 * Put it first in the statement: sql`${prepared('register-ticket')} insert ...`, or in a built query
 * with `.modifyFront(prepared('resolve-session'))` (just after `select`). The name must be
 * unique to the statement's text, which must not vary between calls (values go in parameters).
 */
export function prepared(name: string): RawBuilder<unknown> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`prepared statement names are lower-case words with dashes: ${name}`);
  return sql.raw(`/* prepared:${name} */`);
}

/** Sends statements that start with a `prepared()` mark as named statements; pg prepares a name once per connection. */
function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const mark = typeof text === 'string' ? PREPARED_MARK.exec(text.slice(0, 80)) : null;
    return mark ? query({ name: mark[1], text, values }) : query(...args);
  };
}

export function createPool(url: string, max = 10): pg.Pool {
  // Named (prepared) statements keep one generic plan from the first call on: planning them again
  // for each call's values is exactly the cost they exist to save. Unnamed statements are unaffected.
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, options: '-c plan_cache_mode=force_generic_plan' });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => {});
  pool.on('connect', prepareMarkedStatements);
  return pool;
}

export function createKysely(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Connects to DATABASE_URL when set; otherwise starts embedded PostgreSQL under `<dataDir>/pg`. */
export async function connectDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void = () => {},
): Promise<DatabaseHandle> {
  let url = config.databaseUrl;
  let embedded: EmbeddedServer | null = null;
  if (!url) {
    embedded = await startEmbeddedPostgres({ pgDir: path.join(config.dataDir, 'pg'), log });
    await ensureDatabase(embedded.adminUrl, 'centric');
    url = embedded.urlFor('centric');
  }
  const pool = createPool(url);
  const db = createKysely(pool);
  return {
    db,
    pool,
    url,
    embedded,
    async close() {
      await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
