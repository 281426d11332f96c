import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let agent: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  agent = await signInNew(t, { roles: ['agent'] });
});
afterAll(() => t.close());

const count = async (table: 'staff' | 'departments' | 'categories' | 'audit_log') =>
  (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('staff', () => {
  it('lets an admin add a person, generating a password shown once, with an audit record', async () => {
    const dept = await buildDepartment(t.db);
    const res = await admin.request('POST', '/api/staff', { email: 'Li.Lei@Example.com', name: '李雷', departmentId: dept.id, staffClass: 'dedicated', roles: ['agent'] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ email: 'li.lei@example.com', name: '李雷', departmentId: dept.id, departmentName: dept.name, staffClass: 'dedicated', roles: ['agent'], active: true });
    expect(body.generatedPassword).toEqual(expect.any(String));
    const signin = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'li.lei@example.com', password: body.generatedPassword } });
    expect(signin.statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'staff').where('entity_id', '=', String(body.id)).where('action', '=', 'staff.create').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.userId);
    expect(audit.after).toMatchObject({ email: 'li.lei@example.com', name: '李雷', roles: ['agent'] });
    expect(audit.request_id).toEqual(expect.any(String));
    expect(audit.client_ip).toBe('127.0.0.1');
    expect(JSON.stringify(audit)).not.toContain(body.generatedPassword);
  });

  it('sets and clears the senior-manager flag (who may approve exceptions) on create and edit, each with an audit record', async () => {
    const created = await admin.request('POST', '/api/staff', { email: 'senior.wang@example.com', name: '王总', roles: ['agent'], seniorManager: true });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ seniorManager: true });
    const id = created.json<{ id: number }>().id;
    const createAudit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.create').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(createAudit.after).toMatchObject({ seniorManager: true });

    const cleared = await admin.request('PATCH', `/api/staff/${id}`, { seniorManager: false });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ seniorManager: false });
    const updateAudit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.update').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(updateAudit.actor_id).toBe(admin.userId);
    expect(updateAudit.before).toMatchObject({ seniorManager: true });
    expect(updateAudit.after).toMatchObject({ seniorManager: false });
  });

  it('forbids non-admins and writes nothing', async () => {
    const [s, a] = [await count('staff'), await count('audit_log')];
    const res = await agent.request('POST', '/api/staff', { email: 'x@example.com', name: 'X' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/admin/);
    expect([await count('staff'), await count('audit_log')]).toEqual([s, a]);
  });

  it('refuses a taken email (any case) with 409 on the email field, and a bad email with 400', async () => {
    const existing = await buildStaff(t.db);
    const dup = await admin.request('POST', '/api/staff', { email: existing.email.toUpperCase(), name: 'Dup' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'email_taken', field: 'email' });
    const bad = await admin.request('POST', '/api/staff', { email: 'not-an-email', name: 'Bad' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('email');
    const empty = await admin.request('POST', '/api/staff', { email: 'ok@example.com', name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('name');
    const ghostDept = await admin.request('POST', '/api/staff', { email: 'ok2@example.com', name: 'Ok', departmentId: 999999 });
    expect(ghostDept.statusCode).toBe(400);
    expect(ghostDept.json().error.field).toBe('departmentId');
  });

  it('deactivates a person: history stays, they are signed out and cannot sign in', async () => {
    const person = await signInNew(t);
    const res = await admin.request('PATCH', `/api/staff/${person.userId}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await person.request('GET', '/api/session')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: person.email, password: 'correct horse battery' } })).statusCode).toBe(401);
    expect((await admin.request('GET', `/api/staff/${person.userId}`)).json().active).toBe(false);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.update').where('entity_id', '=', String(person.userId)).executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ active: true });
    expect(audit.after).toEqual({ active: false });
  });

  it('does not let an admin lock themself out', async () => {
    const res = await admin.request('PATCH', `/api/staff/${admin.userId}`, { roles: ['agent'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('roles');
  });

  it('lists staff by name with filters and keyset pages', async () => {
    const dept = await buildDepartment(t.db);
    for (const name of ['Wang Fang', 'Zhang Wei', 'Chen Jing', 'Liu Yang', 'Zhao Min']) await buildStaff(t.db, { name, departmentId: dept.id, roles: ['agent'] });
    await buildStaff(t.db, { name: 'Sun Li', departmentId: dept.id, roles: ['supervisor'] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.request('GET', `/api/staff?departmentId=${dept.id}&role=agent&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { name: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s) => s.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Chen Jing', 'Liu Yang', 'Wang Fang', 'Zhang Wei', 'Zhao Min']);
    const search = await admin.request('GET', `/api/staff?q=zhang`);
    expect(search.json().items.map((s: { name: string }) => s.name)).toContain('Zhang Wei');
    const bad = await admin.request('GET', '/api/staff?cursor=garbage');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('cursor');
  });

  it("gives a person's line of superiors up the department tree", async () => {
    const ceo = await buildStaff(t.db, { name: 'CEO' });
    const top = await buildDepartment(t.db, { headId: ceo.id });
    const vp = await buildStaff(t.db, { name: 'VP', departmentId: top.id });
    const mid = await buildDepartment(t.db, { parentId: top.id, headId: vp.id });
    const team = await buildDepartment(t.db, { parentId: mid.id });
    const worker = await buildStaff(t.db, { departmentId: team.id });
    const res = await agent.request('GET', `/api/staff/${worker.id}/superiors`);
    expect(res.json().items.map((s: { id: number }) => s.id)).toEqual([vp.id, ceo.id]);
    const ofVp = await agent.request('GET', `/api/staff/${vp.id}/superiors`);
    expect(ofVp.json().items.map((s: { id: number }) => s.id)).toEqual([ceo.id]);
  });
});

describe('departments', () => {
  it('builds a tree with heads, refusing duplicate sibling names and cycles', async () => {
    const head = await buildStaff(t.db);
    const root = await admin.request('POST', '/api/departments', { name: 'Customer Service 客服部', headId: head.id });
    expect(root.statusCode).toBe(201);
    const rootId = root.json().id as number;
    const child = await admin.request('POST', '/api/departments', { name: 'Hotline', parentId: rootId });
    const childId = child.json().id as number;
    const grandchild = await admin.request('POST', '/api/departments', { name: 'Night shift', parentId: childId });
    const dup = await admin.request('POST', '/api/departments', { name: 'hotline', parentId: rootId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'name_taken', field: 'name' });
    // Same name at another level is fine.
    expect((await admin.request('POST', '/api/departments', { name: 'Hotline' })).statusCode).toBe(201);
    const cycle = await admin.request('PATCH', `/api/departments/${rootId}`, { parentId: grandchild.json().id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.field).toBe('parentId');
    const self = await admin.request('PATCH', `/api/departments/${rootId}`, { parentId: rootId });
    expect(self.statusCode).toBe(400);
    const top = await admin.request('GET', `/api/departments?parentId=${rootId}`);
    expect(top.json().items.map((d: { name: string }) => d.name)).toEqual(['Hotline']);
  });

  it('deletes an unused department but deactivates one still in use', async () => {
    const unused = await buildDepartment(t.db);
    expect((await admin.request('DELETE', `/api/departments/${unused.id}`)).statusCode).toBe(204);
    expect((await admin.request('GET', `/api/departments/${unused.id}`)).statusCode).toBe(404);
    const used = await buildDepartment(t.db);
    await buildStaff(t.db, { departmentId: used.id });
    const res = await admin.request('DELETE', `/api/departments/${used.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ deactivated: true, department: { id: used.id, active: false } });
    const actions = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'department').where('entity_id', 'in', [String(unused.id), String(used.id)]).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['department.deactivate', 'department.delete']);
  });

  it('refuses a deactivated head and an unknown parent', async () => {
    const gone = await buildStaff(t.db);
    await t.db.updateTable('staff').set({ active: false }).where('id', '=', gone.id).execute();
    const res = await admin.request('POST', '/api/departments', { name: 'Z', headId: gone.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('headId');
    const orphan = await admin.request('POST', '/api/departments', { name: 'Z', parentId: 987654 });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error.field).toBe('parentId');
  });
});

describe('duty catalog', () => {
  it('maps categories to departments, children inheriting the responsible department', async () => {
    const gas = await buildDepartment(t.db, { name: 'Gas network 管网部' });
    const handler = await buildStaff(t.db, { departmentId: gas.id });
    const noDept = await admin.request('POST', '/api/categories', { name: 'Orphan' });
    expect(noDept.statusCode).toBe(400);
    expect(noDept.json().error.field).toBe('departmentId');
    const top = await admin.request('POST', '/api/categories', { name: '燃气报修', departmentId: gas.id, defaultHandlerId: handler.id });
    expect(top.statusCode).toBe(201);
    const leak = await admin.request('POST', '/api/categories', { name: '燃气表漏气', parentId: top.json().id });
    expect(leak.statusCode).toBe(201);
    expect(leak.json()).toMatchObject({ departmentId: null, responsibleDepartmentId: gas.id, responsibleDepartmentName: 'Gas network 管网部' });
    const cycle = await admin.request('PATCH', `/api/categories/${top.json().id}`, { parentId: leak.json().id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.field).toBe('parentId');
    const dup = await admin.request('POST', '/api/categories', { name: '燃气表漏气', parentId: top.json().id });
    expect(dup.statusCode).toBe(409);
    // A category with sub-categories is deactivated, not deleted.
    const del = await admin.request('DELETE', `/api/categories/${top.json().id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json().category.active).toBe(false);
    expect((await admin.request('DELETE', `/api/categories/${leak.json().id}`)).statusCode).toBe(204);
    const agentList = await agent.request('GET', `/api/categories?departmentId=${gas.id}`);
    expect(agentList.statusCode).toBe(200);
    expect((await agent.request('POST', '/api/categories', { name: 'X', departmentId: gas.id })).statusCode).toBe(403);
  });
});
