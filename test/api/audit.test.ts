import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInNew, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const admin = await signInNew(t, { roles: ['admin'] });
    await admin.request('POST', '/api/departments', { name: 'Audited' });
    const n = (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.db)).rows[0]!.n;
    expect(n).toBeGreaterThan(0);
    await expect(sql`update audit_log set action = 'forged'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.db)).rows[0]!.n).toBe(n);
  });

  it('lets admins read it by entity, actor and time, newest first; others may not', async () => {
    const admin = await signInNew(t, { roles: ['admin'] });
    const agent = await signInNew(t, { roles: ['agent'] });
    const created = await admin.request('POST', '/api/departments', { name: 'Billing' });
    const id = created.json().id as number;
    await admin.request('PATCH', `/api/departments/${id}`, { name: 'Billing & Payments' });
    const res = await admin.request('GET', `/api/audit?entity=department&entityId=${id}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { action: string; before: unknown; after: unknown; actorId: number; actorName: string }[];
    expect(items.map((i) => i.action)).toEqual(['department.update', 'department.create']);
    expect(items[0]).toMatchObject({ before: { name: 'Billing' }, after: { name: 'Billing & Payments' }, actorId: admin.userId });
    const byActor = await admin.request('GET', `/api/audit?actorId=${admin.userId}&limit=1`);
    expect(byActor.json().items).toHaveLength(1);
    expect(byActor.json().nextCursor).toEqual(expect.any(String));
    const future = await admin.request('GET', `/api/audit?from=2999-01-01`);
    expect(future.json().items).toEqual([]);
    const badDate = await admin.request('GET', `/api/audit?from=yesterday-ish`);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.field).toBe('from');
    expect((await agent.request('GET', '/api/audit')).statusCode).toBe(403);
  });

  it('records sign-ins with the client address', async () => {
    const person = await signInNew(t);
    const row = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'session.sign_in').where('actor_id', '=', person.userId).executeTakeFirstOrThrow();
    expect(row.client_ip).toBe('127.0.0.1');
  });
});
