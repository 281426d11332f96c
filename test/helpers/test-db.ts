import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createKysely, createPool, type Db } from '../../src/db/connect.ts';

export interface TestDatabase {
  db: Db;
  url: string;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template: tests never share state and need no rollback. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `${inject('dbPrefix')}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${inject('templateDb')}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = createPool(url, 5);
  const db = createKysely(pool);
  return {
    db,
    url,
    async close() {
      await db.destroy();
    },
  };
}
