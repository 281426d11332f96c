import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
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

export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => {});
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
