import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/accountability.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { signUpCustomer } from '../helpers/portal.ts';
import { createTestApp, signIn, type Client, type TestApp } from '../helpers/test-app.ts';
import type { RequestContext } from '../../src/services/context.ts';
import { listCustomers } from '../../src/services/customers/list-customers.ts';

let t: TestApp;
let agent: Client;
let officer: Client;
let agentId: number;
let plannerId: number;

beforeAll(async () => {
  t = await createTestApp();
  const dept = await buildDepartment(t.db);
  const a = await buildStaff(t.db, { name: 'Agent', departmentId: dept.id });
  const o = await buildStaff(t.db, { name: 'Officer', roles: ['office'], departmentId: dept.id });
  const p = await buildStaff(t.db, { name: 'Planner', departmentId: dept.id });
  agentId = a.id;
  plannerId = p.id;
  agent = await signIn(t.app, a.email);
  officer = await signIn(t.app, o.email);
});
afterAll(() => t.close());

const countCustomers = async () => Number((await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const unique = () => Math.random().toString(36).slice(2, 8);
const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

async function create(body: Record<string, unknown>, who: Client = agent) {
  const res = await who.request('POST', '/api/customers', body);
  if (res.statusCode !== 201) throw new Error(`create customer: ${res.statusCode} ${res.body}`);
  return res.json<{ id: number; revision: number; phones: string[]; emails: string[]; name: string }>();
}

async function registerTicket(customerId: number, subject = '燃气表漏气') {
  const res = await expectOk(agent.request('POST', '/api/tickets', { channel: 'phone', subject, customerId }));
  return res.json<{ id: number; number: string }>();
}

describe('customer records', () => {
  it('refuses bad input naming the field and writes nothing; stores good input normalised', async () => {
    const before = await countCustomers();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '  ' }, 'name'],
      [{ name: '李', phones: ['not a phone'] }, 'phones'],
      [{ name: '李', emails: ['nope'] }, 'emails'],
      [{ name: '李', segment: 'Key Account' }, 'segment'],
      [{ name: '李', preferredChannel: 'pigeon' }, 'preferredChannel'],
      [{ name: '李', kind: 'internal' }, 'departmentId'],
      [{ name: '李', isAccount: true }, 'isAccount'],
      [{ name: '李', parentId: 999999 }, 'parentId'],
      [{ name: '李', shoeSize: 42 }, 'shoeSize'],
    ];
    for (const [body, field] of cases) {
      const res = await agent.request('POST', '/api/customers', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await countCustomers()).toBe(before);

    const org = await create({ name: `幸福里物业 ${unique()}`, kind: 'organisation', isAccount: true, segment: 'Key_Account', tags: ['物业', '物业'] });
    const person = await create({
      name: ' 周  先生 ', parentId: org.id, phones: ['139-0000 1234'], emails: ['Zhou@Example.com'], addresses: ['幸福里 3 栋'],
      preferredLanguage: 'zh-CN', preferredChannel: 'phone', consentMarketing: true, allowDuplicate: true,
    });
    expect(person).toMatchObject({ name: '周 先生', phones: ['13900001234'], emails: ['zhou@example.com'], parentId: org.id, organisation: expect.stringContaining('幸福里物业'), revision: 1 });
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'customer').where('entity_id', '=', String(person.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['customer.create']);

    // An edit with the revision seen; a second edit with the same (now stale) revision changes nothing.
    const edited = await expectOk(agent.request('PATCH', `/api/customers/${person.id}`, { revision: 1, notes: '下午方便', tags: ['老客户'] }));
    expect(edited.json()).toMatchObject({ revision: 2, notes: '下午方便', tags: ['老客户'], phones: ['13900001234'] });
    const stale = await agent.request('PATCH', `/api/customers/${person.id}`, { revision: 1, notes: 'overwritten' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.field).toBe('revision');
    expect((await agent.request('GET', `/api/customers/${person.id}`)).json()).toMatchObject({ notes: '下午方便', revision: 2 });
    // An organisation cannot sit under one of its own.
    const sub = await create({ name: `幸福里物业二分部 ${unique()}`, kind: 'organisation', parentId: org.id, allowDuplicate: true });
    const cycle = await agent.request('PATCH', `/api/customers/${org.id}`, { revision: org.revision, parentId: sub.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.field).toBe('parentId');
  });

  it('answers 409 with the candidates for a likely duplicate unless allowDuplicate is set', async () => {
    const p = phone();
    const email = `wang-${unique()}@example.com`;
    const first = await create({ name: `王芳${unique()}`, phones: [p], emails: [email] });
    const before = await countCustomers();

    const byPhone = await agent.request('POST', '/api/customers', { name: '王女士', phones: [`${p.slice(0, 3)}-${p.slice(3, 7)} ${p.slice(7)}`] });
    expect(byPhone.statusCode).toBe(409);
    expect(byPhone.json()).toMatchObject({ error: { code: 'possible_duplicate' }, candidates: [{ customer: { id: first.id }, reasons: ['phone'] }] });
    const byEmail = await agent.request('POST', '/api/customers', { name: 'Someone', emails: [email.toUpperCase()] });
    expect(byEmail.json().candidates[0]).toMatchObject({ customer: { id: first.id }, reasons: ['email'] });
    expect(await countCustomers()).toBe(before);

    const org = await create({ name: `Shanghai Riverside Gas ${unique()} Co., Ltd.`, kind: 'organisation' });
    const similar = await agent.request('POST', '/api/customers', { name: org.name.replace('Riverside', 'Riversid').replace(' Co., Ltd.', ' Limited'), kind: 'organisation' });
    expect(similar.statusCode).toBe(409);
    expect(similar.json().candidates[0]).toMatchObject({ customer: { id: org.id }, reasons: ['similar_name'] });

    const anyway = await create({ name: '王女士', phones: [p], allowDuplicate: true });
    const dups = (await agent.request('GET', `/api/customers/${anyway.id}/duplicates`)).json();
    expect(dups.items.map((d: { customer: { id: number } }) => d.customer.id)).toEqual([first.id]);
    // The registration form asks before creating a caller inline.
    const check = (await expectOk(agent.request('POST', '/api/customers/duplicate-check', { name: 'x', phones: [p] }))).json();
    expect(check.items.map((d: { customer: { id: number } }) => d.customer.id).sort()).toEqual([first.id, anyway.id].sort());
  });
});

describe('merging duplicates', () => {
  it('moves every ticket, survey, complaint, contact and team row to the survivor in one audited step', async () => {
    const survivor = await create({ name: `北方燃气 ${unique()}`, kind: 'organisation', isAccount: true, phones: [phone()], tags: ['a'] });
    const dup = await create({ name: `${survivor.name} 有限公司`, kind: 'organisation', isAccount: true, phones: [phone()], emails: [`gas-${unique()}@example.com`], tags: ['b'], allowDuplicate: true });
    const t1 = await registerTicket(dup.id, '表箱锈蚀');
    const t2 = await registerTicket(dup.id, '账单疑问');
    await t.db.insertInto('surveys').values({ ticket_id: t1.id, customer_id: dup.id, due_at: new Date(), status: 'answered', answered_at: new Date(), satisfaction: 4, channel: 'phone' }).execute();
    const complaint = await expectOk(agent.request('POST', '/api/complaints', { source: 'phone', customerId: dup.id, summary: '等待太久', ticketId: t2.id }));
    const contact = await expectOk(agent.request('POST', `/api/customers/${dup.id}/contacts`, { name: '刘经理', decisionRole: 'decision_maker' }));
    await expectOk(agent.request('POST', `/api/customers/${dup.id}/team`, { staffId: plannerId, role: 'planner' }));

    expect((await agent.request('POST', `/api/customers/${dup.id}/merge`, { intoId: survivor.id })).statusCode).toBe(403);
    expect((await officer.request('POST', `/api/customers/${dup.id}/merge`, { intoId: dup.id })).json().error.field).toBe('intoId');
    const merged = await expectOk(officer.request('POST', `/api/customers/${dup.id}/merge`, { intoId: survivor.id }));
    expect(merged.json().customer).toMatchObject({ id: survivor.id, phones: [...survivor.phones, ...dup.phones], emails: dup.emails, tags: ['a', 'b'], revision: 2 });
    expect(merged.json().moved).toMatchObject({ 'tickets.customer_id': 2, 'surveys.customer_id': 1, 'complaints.customer_id': 1, 'customer_contacts.customer_id': 1, 'account_team_members.customer_id': 1 });

    const ticketOwners = await t.db.selectFrom('tickets').select('customer_id').where('id', 'in', [t1.id, t2.id]).execute();
    expect(ticketOwners.map((r) => r.customer_id)).toEqual([survivor.id, survivor.id]);
    expect((await t.db.selectFrom('complaints').select('customer_id').where('id', '=', complaint.json().id).executeTakeFirstOrThrow()).customer_id).toBe(survivor.id);
    expect((await t.db.selectFrom('customer_contacts').select('customer_id').where('id', '=', contact.json().id).executeTakeFirstOrThrow()).customer_id).toBe(survivor.id);
    expect(await t.db.selectFrom('surveys').select('id').where('customer_id', '=', dup.id).execute()).toEqual([]);

    // The duplicate says where it went, and vanishes from lists, search and new registrations.
    expect((await agent.request('GET', `/api/customers/${dup.id}`)).json()).toMatchObject({ mergedIntoId: survivor.id, active: false });
    const found = (await agent.request('GET', `/api/customers?q=${encodeURIComponent(survivor.name)}`)).json();
    expect(found.items.map((c: { id: number }) => c.id)).toEqual([survivor.id]);
    expect((await agent.request('POST', '/api/tickets', { channel: 'phone', subject: 'x', customerId: dup.id })).json().error.field).toBe('customerId');
    expect((await officer.request('POST', `/api/customers/${dup.id}/merge`, { intoId: survivor.id })).statusCode).toBe(409);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'customer').where('entity_id', 'in', [String(dup.id), String(survivor.id)]).where('action', 'like', 'customer.merge%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['customer.merge', 'customer.merge_into']);
    const view = (await agent.request('GET', `/api/customers/${survivor.id}/360`)).json();
    expect(view.tickets.open.map((x: { id: number }) => x.id).sort()).toEqual([t1.id, t2.id].sort());
    expect(view.complaints.items).toHaveLength(1);
    expect(view.surveys).toHaveLength(1);
    expect(view.team).toMatchObject([{ staffId: plannerId, role: 'planner' }]);
    expect(view.timeline.filter((e: { kind: string }) => e.kind === 'ticket_registered')).toHaveLength(2);
    expect(view.timeline.filter((e: { kind: string }) => e.kind === 'survey_answered')).toHaveLength(1);
    expect(view.satisfactionTrend).toEqual([{ month: expect.stringMatching(/^\d{4}-\d{2}$/), answered: 1, average: 4, satisfiedShare: 1 }]);
  });
});

describe('B2B accounts', () => {
  it('keeps the organisation chart free of cycles and the account team to one manager', async () => {
    const acct = await create({ name: `远洋制造 ${unique()}`, kind: 'organisation', isAccount: true, scorecardEnabled: true });
    const add = async (name: string, reportsToId: number | null, decisionRole = 'user') =>
      (await expectOk(agent.request('POST', `/api/customers/${acct.id}/contacts`, { name, decisionRole, reportsToId, goals: '降本', painPoints: '停气通知太晚' }))).json<{ id: number }>();
    const ceo = await add('陈总', null, 'decision_maker');
    const cto = await add('技术总监', ceo.id, 'technical_influencer');
    const eng = await add('工程师', cto.id);
    const loop = await agent.request('PATCH', `/api/customers/${acct.id}/contacts/${ceo.id}`, { reportsToId: eng.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.field).toBe('reportsToId');
    const self = await agent.request('PATCH', `/api/customers/${acct.id}/contacts/${cto.id}`, { reportsToId: cto.id });
    expect(self.json().error.field).toBe('reportsToId');
    const other = await create({ name: `其他公司 ${unique()}`, kind: 'organisation', allowDuplicate: true });
    const foreign = await agent.request('POST', `/api/customers/${other.id}/contacts`, { name: 'x', decisionRole: 'user', reportsToId: ceo.id });
    expect(foreign.json().error.field).toBe('reportsToId');
    // The CTO leaves: the engineer now reports to the CEO.
    await expectOk(agent.request('DELETE', `/api/customers/${acct.id}/contacts/${cto.id}`));
    const chart = (await agent.request('GET', `/api/customers/${acct.id}/contacts`)).json().items;
    expect(chart.map((c: { id: number; reportsToId: number | null }) => [c.id, c.reportsToId]).sort()).toEqual([[ceo.id, null], [eng.id, ceo.id]].sort());
    expect((await agent.request('POST', `/api/customers/${acct.id}/contacts`, { name: 'y', decisionRole: 'boss' })).json().error.field).toBe('decisionRole');

    await expectOk(agent.request('POST', `/api/customers/${acct.id}/team`, { staffId: agentId, role: 'account_manager' }));
    const second = await agent.request('POST', `/api/customers/${acct.id}/team`, { staffId: plannerId, role: 'account_manager' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.field).toBe('role');
    const team = await expectOk(agent.request('POST', `/api/customers/${acct.id}/team`, { staffId: plannerId, role: 'planner' }));
    expect(team.json().items.map((m: { role: string }) => m.role)).toEqual(['account_manager', 'planner']);
    await expectOk(agent.request('DELETE', `/api/customers/${acct.id}/team/account_manager/${agentId}`));
    await expectOk(agent.request('POST', `/api/customers/${acct.id}/team`, { staffId: plannerId, role: 'account_manager' }));
    const person = await create({ name: `散户 ${unique()}` });
    expect((await agent.request('POST', `/api/customers/${person.id}/team`, { staffId: plannerId, role: 'sales' })).statusCode).toBe(400);
  });
});

describe('visibility and search', () => {
  it('is staff only: a portal session and no session are refused', async () => {
    const customer = await signUpCustomer(t.app, { name: '门户客户' });
    for (const [method, url] of [['GET', '/api/customers?q=a'], ['GET', `/api/customers/${customer.customerId}`], ['GET', `/api/customers/${customer.customerId}/360`], ['POST', '/api/customers']] as const) {
      const body = method === 'POST' ? { name: 'x' } : undefined;
      const res = await customer.request(method, url, body);
      expect(res.statusCode, url).toBe(401);
      expect((await t.app.inject({ method, url, ...(body ? { payload: body } : {}) })).statusCode, url).toBe(401);
    }
  });

  it('finds customers by Chinese substrings, phone typed with dashes, email and organisation', async () => {
    const tag = unique();
    const p = phone();
    const c = await create({ name: `欧阳娜娜${tag}`, phones: [p], emails: [`ouyang.${tag}@example.com`], organisation: `红星小区${tag}` });
    const ids = async (q: string) => (await agent.request('GET', `/api/customers?q=${encodeURIComponent(q)}`)).json().items.map((x: { id: number }) => x.id);
    for (const q of ['欧阳', '阳娜', '欧阳娜娜', `娜${tag}`, `红星小区${tag.slice(0, 4)}`, `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`, `${p.slice(3, 7)} ${p.slice(7)}`, `OUYANG.${tag}`, `红星小区${tag}`]) {
      expect(await ids(q), q).toContain(c.id);
    }
    expect(await ids(`欧阳菲${tag}`)).not.toContain(c.id);
    // A Latin term walks the newest records, then asks the trigram index for the rest: the same pages either way.
    const ctx: RequestContext = { actor: { kind: 'staff', id: agentId, roles: ['agent'], departmentId: null }, requestId: null, clientIp: null };
    const allPages = async (q: string, walkRows?: number) => {
      const found: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCustomers(t.db, ctx, { q, limit: 2, cursor }, { walkRows });
        found.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return found;
    };
    for (const q of ['example.com', `ouyang.${tag}`, 'zebra']) expect(await allPages(q, 2), q).toEqual(await allPages(q));
    expect((await allPages('example.com', 2)).length).toBeGreaterThan(2);
    // One character: through the single-character index while it is rare (as every one is here).
    expect(await ids('娜')).toContain(c.id);
    expect(await ids('鳄')).toEqual([]);
    // The term goes into the SQL as a literal (for the planner): quotes and backslashes stay text.
    for (const q of ["O'Brien\\", "%'; drop table customers; --", '欧阳\'娜']) expect((await agent.request('GET', `/api/customers?q=${encodeURIComponent(q)}`)).statusCode, q).toBe(200);
    // The registration form's search keeps its shape.
    const search = (await agent.request('GET', `/api/customers?q=${encodeURIComponent('欧阳娜')}&limit=8`)).json();
    expect(search.items[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String), phones: expect.any(Array) });
    // Filters and keyset pages.
    const orgs = await Promise.all([1, 2, 3].map((i) => create({ name: `Filter ${tag} ${i}`, kind: 'organisation', segment: 'vip', tags: [tag], allowDuplicate: true })));
    const page1 = (await agent.request('GET', `/api/customers?tag=${tag}&segment=vip&kind=organisation&limit=2`)).json();
    expect(page1.items.map((x: { id: number }) => x.id)).toEqual([orgs[0]!.id, orgs[1]!.id]);
    const page2 = (await agent.request('GET', `/api/customers?tag=${tag}&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2).toMatchObject({ items: [{ id: orgs[2]!.id }], nextCursor: null });
  });
});
