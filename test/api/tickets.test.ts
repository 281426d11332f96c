import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_CHANGES_CHANNEL } from '../../src/services/tickets/perform-ticket-action.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signIn, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;

/** One organisation per call: a service department with an agent, and a repair department with a head and a handler. */
async function buildOrg() {
  const company = await buildDepartment(t.db);
  const boss = await buildStaff(t.db, { name: 'Boss', roles: ['supervisor'], departmentId: company.id });
  await t.db.updateTable('departments').set({ head_id: boss.id }).where('id', '=', company.id).execute();
  const service = await buildDepartment(t.db, { parentId: company.id });
  const repair = await buildDepartment(t.db, { parentId: company.id });
  const repairHead = await buildStaff(t.db, { name: 'Repair head', departmentId: repair.id, roles: ['supervisor'] });
  await t.db.updateTable('departments').set({ head_id: repairHead.id }).where('id', '=', repair.id).execute();
  const handler = await buildStaff(t.db, { name: 'Handler', departmentId: repair.id });
  const agent = await buildStaff(t.db, { name: 'Agent', departmentId: service.id, staffClass: 'dedicated' });
  const outsider = await buildStaff(t.db, { name: 'Outsider', departmentId: (await buildDepartment(t.db)).id });
  const category = await t.db.insertInto('categories').values({ name: `燃气报修 ${Math.random()}`, department_id: repair.id }).returning('id').executeTakeFirstOrThrow();
  return {
    company, service, repair, category,
    boss: await signIn(t.app, boss.email),
    repairHead: await signIn(t.app, repairHead.email),
    handler: await signIn(t.app, handler.email),
    agent: await signIn(t.app, agent.email),
    outsider: await signIn(t.app, outsider.email),
  };
}

async function register(client: Client, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return client.request('POST', '/api/tickets', { channel: 'phone', subject: '燃气表漏气', description: '客户报告厨房燃气表附近有气味', newCustomer: { name: '王女士', phones: ['13800000000'] }, ...body }, headers);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
});
afterAll(() => t.close());

describe('registration', () => {
  it('makes the registering staff member the owner, with a number, a timeline and an audit record', async () => {
    const org = await buildOrg();
    const res = await register(org.agent, { categoryId: org.category.id, priority: 'high', customerContact: '13800000000' });
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    expect(ticket).toMatchObject({ status: 'registered', ownerId: org.agent.userId, channel: 'phone', priority: 'high', customerName: '王女士', customerContact: '13800000000', version: 1 });
    expect(ticket.number).toMatch(/^\d{4}-\d{6}$/);
    const timeline = (await org.agent.request('GET', `/api/tickets/${ticket.id}/timeline`)).json().items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['registered']);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'ticket').where('entity_id', '=', String(ticket.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['ticket.register']);
  });

  it('answers with the ticket exactly as reading it back shows it; an inline customer is created and audited', async () => {
    const org = await buildOrg();
    // The boss heads the whole company: the answer's actions must reflect that as a later read does.
    for (const who of [org.agent, org.boss]) {
      const res = await register(who, { categoryId: org.category.id, newCustomer: { name: '燃气客户 周先生', organisation: '幸福里小区', phones: ['139 0000 0000'] } });
      expect(res.statusCode).toBe(201);
      const answered = res.json();
      const read = (await who.request('GET', `/api/tickets/${answered.id}`)).json();
      expect(answered).toEqual(read);
      expect(answered).toMatchObject({ customerName: '燃气客户 周先生', customerOrganisation: '幸福里小区', categoryName: expect.any(String), ownerName: expect.any(String) });
      const customer = await t.db.selectFrom('customers').selectAll().where('id', '=', answered.customerId).executeTakeFirstOrThrow();
      expect(customer).toMatchObject({ kind: 'person', phones: ['13900000000'] });
      const audit = await t.db.selectFrom('audit_log').select(['action', 'after', 'request_id']).where('entity', '=', 'customer').where('entity_id', '=', String(customer.id)).execute();
      expect(audit).toEqual([{ action: 'customer.create', after: expect.objectContaining({ name: '燃气客户 周先生', phones: ['13900000000'] }), request_id: expect.any(String) }]);
      // The new ticket is found at once by its customer, in Chinese and by phone digits.
      for (const q of ['周先生', '幸福里', '0000']) {
        const found = (await who.request('GET', `/api/tickets?view=owned&q=${encodeURIComponent(q)}`)).json().items.map((i: { id: number }) => i.id);
        expect(found, q).toContain(answered.id);
      }
    }
  });

  it('refuses a category no longer in use, and writes nothing', async () => {
    const org = await buildOrg();
    await t.db.updateTable('categories').set({ active: false }).where('id', '=', org.category.id).execute();
    const customers = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await register(org.agent, { categoryId: org.category.id }, { 'idempotency-key': 'inactive-category' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'categoryId', message: expect.stringMatching(/no longer in use/) });
    const after = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(customers.n);
    const keys = await t.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'inactive-category').execute();
    expect(keys).toEqual([]);
  });

  it('refuses bad input with the field and writes nothing', async () => {
    const org = await buildOrg();
    const before = await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: [Record<string, unknown>, string][] = [
      [{ subject: '   ' }, 'subject'],
      [{ channel: 'pigeon' }, 'channel'],
      [{ categoryId: 999999 }, 'categoryId'],
      [{ customerId: 999999, newCustomer: null }, 'customerId'],
      [{ newCustomer: { name: '李', phones: ['not a phone'] } }, 'phones'],
      [{ priority: 'asap' }, 'priority'],
    ];
    for (const [body, field] of cases) {
      const res = await register(org.agent, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    const after = await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('honours Idempotency-Key: a retry returns the first ticket, never a second one', async () => {
    const org = await buildOrg();
    const key = `retry-${Math.random()}`;
    const [a, b] = await Promise.all([register(org.agent, {}, { 'idempotency-key': key }), register(org.agent, {}, { 'idempotency-key': key })]);
    const c = await register(org.agent, {}, { 'idempotency-key': key });
    const ids = [a, b, c].map((r) => r.json().id);
    expect(new Set(ids).size).toBe(1);
    expect([a.statusCode, b.statusCode, c.statusCode].sort()).toEqual([200, 200, 201]);
    const n = await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_id', '=', org.agent.userId).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
    const reused = await register(org.agent, { subject: 'another matter' }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });
  it('announces a registration to live listeners only when it wrote one (not a replay, not a refused category)', async () => {
    const org = await buildOrg();
    const listener = new pg.Client({ connectionString: t.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (m) => heard.push(m.payload ?? ''));
    await listener.query(`listen ${TICKET_CHANGES_CHANNEL}`);
    try {
      const key = `announce-${Math.random()}`;
      const first = await register(org.agent, {}, { 'idempotency-key': key });
      expect(first.statusCode).toBe(201);
      expect((await register(org.agent, {}, { 'idempotency-key': key })).statusCode).toBe(200);
      await t.db.updateTable('categories').set({ active: false }).where('id', '=', org.category.id).execute();
      expect((await register(org.agent, { categoryId: org.category.id })).statusCode).toBe(400);
      // Notifications arrive in commit order: once this one is heard, any earlier one has been too.
      await listener.query('select pg_notify($1, $2)', [TICKET_CHANGES_CHANNEL, 'sentinel']);
      await expect.poll(() => heard.includes('sentinel')).toBe(true);
      const tickets = heard.filter((h) => h !== 'sentinel').map((h) => JSON.parse(h) as { ticketId: number | null });
      expect(tickets.filter((h) => h.ticketId === first.json().id)).toHaveLength(1);
      expect(tickets.filter((h) => h.ticketId === null)).toEqual([]);
    } finally {
      await listener.end();
    }
  });
});

describe('the lifecycle', () => {
  it('phone request → hand over to a handler → accept, contact, resolve → owner calls back → close', async () => {
    const org = await buildOrg();
    const id = (await register(org.agent, { categoryId: org.category.id })).json().id;
    const act = (c: Client, action: string, body: Record<string, unknown> = {}) => c.request('POST', `/api/tickets/${id}/${action}`, body);

    let r = await act(org.agent, 'hand-over', { departmentId: org.repair.id, handlerId: org.handler.userId });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'handed_over', handlerId: org.handler.userId, ownerId: org.agent.userId });
    const notes = (await org.handler.request('GET', '/api/notifications')).json();
    expect(notes.items[0]).toMatchObject({ kind: 'handed_to_you', ticketId: id });
    expect((await org.handler.request('GET', '/api/tickets?view=handling')).json().items.map((x: { id: number }) => x.id)).toContain(id);

    r = await act(org.handler, 'accept');
    expect(r.json().status).toBe('in_progress');
    r = await act(org.handler, 'contact', { channel: 'phone', summary: '已电话联系，约定下午上门' });
    expect(r.statusCode).toBe(200);
    // Only the handler's actions are offered to the handler; the owner may not resolve it for them.
    expect((await act(org.agent, 'resolve', { result: 'x' })).statusCode).toBe(403);
    r = await act(org.handler, 'resolve', { result: '更换燃气表接头，检测无泄漏' });
    expect(r.json()).toMatchObject({ status: 'resolved', result: '更换燃气表接头，检测无泄漏' });
    expect((await org.agent.request('GET', '/api/tickets?view=callback-due')).json().items.map((x: { id: number }) => x.id)).toContain(id);

    expect((await act(org.handler, 'callback', { satisfaction: 5, channel: 'phone' })).statusCode).toBe(403);
    const bad = await act(org.agent, 'callback', { satisfaction: 9, channel: 'phone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('satisfaction');
    r = await act(org.agent, 'callback', { satisfaction: 5, comment: '很满意', channel: 'phone' });
    expect(r.json()).toMatchObject({ status: 'called_back', satisfaction: 5 });
    r = await act(org.agent, 'close');
    expect(r.json().status).toBe('closed');

    const timeline = (await org.agent.request('GET', `/api/tickets/${id}/timeline`)).json().items.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(['registered', 'handed_over', 'accepted', 'contact_logged', 'resolved', 'called_back', 'closed']);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'ticket').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['ticket.register', 'ticket.hand-over', 'ticket.accept', 'ticket.contact', 'ticket.resolve', 'ticket.callback', 'ticket.close']);
  });

  it('hand-over to a department: the head assigns; a decline returns it to the owner with the reason', async () => {
    const org = await buildOrg();
    const id = (await register(org.agent)).json().id;
    const act = (c: Client, action: string, body: Record<string, unknown> = {}) => c.request('POST', `/api/tickets/${id}/${action}`, body);
    expect((await act(org.agent, 'hand-over', { departmentId: org.repair.id })).json()).toMatchObject({ status: 'handed_over', handlerId: null, handlerDepartmentId: org.repair.id });
    expect((await org.repairHead.request('GET', '/api/tickets?view=department')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await act(org.handler, 'assign', { handlerId: org.handler.userId })).statusCode).toBe(403);
    expect((await act(org.repairHead, 'assign', { handlerId: org.handler.userId })).json().handlerId).toBe(org.handler.userId);
    const noReason = await act(org.handler, 'decline', { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    const declined = await act(org.handler, 'decline', { reason: '不属于本部门职责' });
    expect(declined.json()).toMatchObject({ status: 'registered', handlerId: null, ownerId: org.agent.userId });
    expect((await org.agent.request('GET', '/api/notifications')).json().items[0].kind).toBe('declined');
  });

  it("fills the form's 'time handed over' from the timeline's hand-over, also to a department with no handler yet (issue 13)", async () => {
    const org = await buildOrg();
    const id = (await register(org.agent)).json().id;
    t.clock.advance(90_000);
    const handed = await org.agent.request('POST', `/api/tickets/${id}/hand-over`, { departmentId: org.repair.id });
    expect(handed.json()).toMatchObject({ status: 'handed_over', handlerId: null });
    const events = (await org.agent.request('GET', `/api/tickets/${id}/timeline`)).json().items as { type: string; at: string }[];
    const handOver = events.find((e) => e.type === 'handed_over');
    expect(handOver).toBeDefined();
    const view = (await org.agent.request('GET', `/api/tickets/${id}`)).json();
    expect(view.handedOverAt).toBe(handOver!.at);
    expect(handed.json().handedOverAt).toBe(handOver!.at);
    // The head assigns someone later: the form still says when it was handed over, not when it was assigned.
    t.clock.advance(60_000);
    await org.repairHead.request('POST', `/api/tickets/${id}/assign`, { handlerId: org.handler.userId });
    expect((await org.agent.request('GET', `/api/tickets/${id}`)).json().handedOverAt).toBe(handOver!.at);
    // Declined back to the owner: the ticket is registered again, yet it was handed over then, as the timeline says.
    const declined = await org.handler.request('POST', `/api/tickets/${id}/decline`, { reason: '不属于本部门职责' });
    expect(declined.json()).toMatchObject({ status: 'registered', handlerId: null, handedOverAt: handOver!.at });
    expect((await org.agent.request('GET', `/api/tickets/${id}`)).json().handedOverAt).toBe(handOver!.at);
  });

  it("keeps the form's 'time handed over' when the owner takes back a ticket handed to a department with no handler (issue 13)", async () => {
    const org = await buildOrg();
    const id = (await register(org.agent)).json().id;
    await org.agent.request('POST', `/api/tickets/${id}/hand-over`, { departmentId: org.repair.id });
    const events = (await org.agent.request('GET', `/api/tickets/${id}/timeline`)).json().items as { type: string; at: string }[];
    const at = events.find((e) => e.type === 'handed_over')!.at;
    t.clock.advance(60_000);
    const taken = await org.agent.request('POST', `/api/tickets/${id}/take`, {});
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'in_progress', handedOverAt: at });
    const queue = (await org.agent.request('GET', '/api/tickets?view=owned')).json().items.find((x: { id: number }) => x.id === id);
    expect(queue.handedOverAt).toBe(at);
  });

  it("escalates to the owner's superior, who instructs", async () => {
    const org = await buildOrg();
    const id = (await register(org.agent)).json().id;
    const r = await org.agent.request('POST', `/api/tickets/${id}/escalate`, { reason: '承办人出差联系不上', cause: 'handler_unreachable' });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('escalated');
    // The service department has no head, so the superior is the company head.
    expect((await org.boss.request('GET', '/api/tickets?view=escalated')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await org.outsider.request('POST', `/api/tickets/${id}/instruct`, { instruction: 'x' })).statusCode).toBe(404);
    const done = await org.boss.request('POST', `/api/tickets/${id}/instruct`, { instruction: '交维修部处理', handlerId: org.handler.userId });
    expect(done.statusCode).toBe(200);
    expect(done.json().handlerId).toBe(org.handler.userId);
  });

  it('refusal needs a senior manager for an exception', async () => {
    const org = await buildOrg();
    const senior = await buildStaff(t.db, { departmentId: org.company.id });
    await admin.request('PATCH', `/api/staff/${senior.id}`, { seniorManager: true });
    const seniorClient = await signIn(t.app, senior.email);
    const id = (await register(org.agent)).json().id;
    expect((await org.agent.request('POST', `/api/tickets/${id}/refuse`, { reason: '违反安全规定' })).json()).toMatchObject({ status: 'refused', refusalReason: '违反安全规定' });
    expect((await org.boss.request('POST', `/api/tickets/${id}/approve-exception`, { reason: 'x' })).statusCode).toBe(403);
    const ok = await seniorClient.request('POST', `/api/tickets/${id}/approve-exception`, { reason: '特殊情况，特批处理' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).not.toBe('refused');
  });

  it('gives 409 for an action the state does not allow, and for a stale version; nothing is overwritten', async () => {
    const org = await buildOrg();
    const created = (await register(org.agent)).json();
    const wrong = await org.agent.request('POST', `/api/tickets/${created.id}/accept`, {});
    expect([403, 409]).toContain(wrong.statusCode);
    const resolveEarly = await org.agent.request('POST', `/api/tickets/${created.id}/callback`, { satisfaction: 4, channel: 'phone' });
    expect(resolveEarly.statusCode).toBe(409);
    expect(resolveEarly.json().error.message).toEqual(expect.any(String));
    await org.agent.request('POST', `/api/tickets/${created.id}/note`, { text: '客户很着急', version: 1 });
    const stale = await org.agent.request('POST', `/api/tickets/${created.id}/take`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', field: 'version' });
    const row = await t.db.selectFrom('tickets').select(['status', 'version']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'registered', version: 2 });
  });

  it('only an admin transfers ownership, with a reason', async () => {
    const org = await buildOrg();
    const id = (await register(org.agent)).json().id;
    expect((await org.boss.request('POST', `/api/tickets/${id}/transfer-ownership`, { newOwnerId: org.handler.userId, reason: '离职' })).statusCode).toBe(403);
    const moved = await admin.request('POST', `/api/tickets/${id}/transfer-ownership`, { newOwnerId: org.handler.userId, reason: '原首问责任人离职' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().ownerId).toBe(org.handler.userId);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'ticket.transfer-ownership').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ owner_id: org.agent.userId });
    expect(audit.after).toMatchObject({ owner_id: org.handler.userId });
  });
});

describe('who sees what', () => {
  it("hides other departments' tickets from staff (404, not a hint), shows admins everything", async () => {
    const org = await buildOrg();
    const id = (await register(org.agent)).json().id;
    expect((await org.outsider.request('GET', `/api/tickets/${id}`)).statusCode).toBe(404);
    expect((await org.outsider.request('GET', `/api/tickets/${id}/timeline`)).statusCode).toBe(404);
    expect((await org.outsider.request('POST', `/api/tickets/${id}/note`, { text: 'x' })).statusCode).toBe(404);
    expect((await org.outsider.request('GET', '/api/tickets?view=all')).json().items.map((x: { id: number }) => x.id)).not.toContain(id);
    expect((await admin.request('GET', `/api/tickets/${id}`)).statusCode).toBe(200);
    // A supervisor sees their department subtree.
    expect((await org.boss.request('GET', '/api/tickets?view=all')).json().items.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('searches subject and description with Chinese substrings, filters and pages', async () => {
    const org = await buildOrg();
    const a = (await register(org.agent, { subject: '燃气表漏气', channel: 'phone' })).json().id;
    const b = (await register(org.agent, { subject: '账单疑问', description: '上月燃气费偏高', channel: 'visit' })).json().id;
    const found = (await org.agent.request('GET', `/api/tickets?view=owned&q=${encodeURIComponent('漏气')}`)).json().items.map((x: { id: number }) => x.id);
    expect(found).toEqual([a]);
    const byDesc = (await org.agent.request('GET', `/api/tickets?view=owned&q=${encodeURIComponent('燃气费')}`)).json().items.map((x: { id: number }) => x.id);
    expect(byDesc).toEqual([b]);
    expect((await org.agent.request('GET', '/api/tickets?view=owned&channel=visit')).json().items.map((x: { id: number }) => x.id)).toEqual([b]);
    const page1 = (await org.agent.request('GET', '/api/tickets?view=owned&limit=1')).json();
    expect(page1.items.map((x: { id: number }) => x.id)).toEqual([b]);
    const page2 = (await org.agent.request('GET', `/api/tickets?view=owned&limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((x: { id: number }) => x.id)).toEqual([a]);
    const counts = (await org.agent.request('GET', '/api/tickets/counts')).json();
    expect(counts.owned).toBe(2);
  });
});
