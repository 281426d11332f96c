import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/services/auth/password.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
let tdb: TestDatabase;

/** Runs the real CLI against this file's database; resolves with its output even when it fails. */
async function centric(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: tdb.url, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());

describe('the command line', () => {
  it('migrate reports an up-to-date database', async () => {
    const r = await centric(['migrate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/up to date|Applied/);
  });

  it('create-admin adds an admin who can sign in; reset-password sets a new password', async () => {
    const created = await centric(['create-admin', '--email', 'ops@example.com', '--name', 'Ops', '--password', 'first-password-1']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('ops@example.com');
    const row = await tdb.db.selectFrom('staff').selectAll().where('email', '=', 'ops@example.com').executeTakeFirstOrThrow();
    expect(row.roles).toEqual(['admin']);
    expect(await verifyPassword('first-password-1', row.password_hash!)).toBe(true);

    const reset = await centric(['reset-password', '--email', 'ops@example.com']);
    expect(reset.code).toBe(0);
    const generated = reset.stdout.trim().split(': ').pop()!;
    const after = await tdb.db.selectFrom('staff').select('password_hash').where('email', '=', 'ops@example.com').executeTakeFirstOrThrow();
    expect(await verifyPassword(generated, after.password_hash!)).toBe(true);
    const audit = await tdb.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('entity_id', '=', String(row.id)).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'staff.create', actor_kind: 'system' }, { action: 'staff.reset_password', actor_kind: 'system' }]);
  });

  it('explains mistakes instead of crashing', async () => {
    const dup = await centric(['create-admin', '--email', 'ops2@example.com', '--password', 'pw-long-enough']);
    expect(dup.code).toBe(0);
    const again = await centric(['create-admin', '--email', 'OPS2@example.com', '--password', 'pw-long-enough']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already uses the email');
    const missing = await centric(['reset-password', '--email', 'ghost@example.com']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No staff member');
    const unknown = await centric(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
    const badEnv = await centric(['migrate'], { PORT: 'eighty' });
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr).toContain('PORT');
  });
});
