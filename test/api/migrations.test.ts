import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { createKysely, createPool } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

describe('migrations', () => {
  it('apply exactly once when two instances start together on an empty database', async () => {
    const name = `${inject('dbPrefix')}_mig_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const url = new URL(inject('pgAdminUrl'));
    url.pathname = `/${name}`;
    const a = createKysely(createPool(url.toString(), 2));
    const b = createKysely(createPool(url.toString(), 2));
    const [ra, rb] = await Promise.all([migrateToLatest(a as never), migrateToLatest(b as never)]);
    // One instance applied everything, the other found nothing left to do.
    expect([ra.length, rb.length].sort()).toEqual([0, ra.length + rb.length]);
    expect(ra.length + rb.length).toBeGreaterThan(0);
    const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(a);
    expect(rows.rows.map((r) => r.name)).toEqual([...ra, ...rb].sort());
    expect(await migrateToLatest(a as never)).toEqual([]);
    await a.destroy();
    await b.destroy();
  });
});
