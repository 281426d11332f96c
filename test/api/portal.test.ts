import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { PORTAL_PASSWORD, portalSignIn, portalSignUp, signInCustomer, signUpCustomer, type PortalClient } from '../helpers/portal.ts';
import { createTestApp, signIn, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const DAY_MS = 24 * 60 * 60 * 1000;
const unique = () => Math.random().toString(36).slice(2, 10);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: 'customers' | 'tickets' | 'ticket_events' | 'portal_sessions') =>
  (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

async function buildAgent(): Promise<Client> {
  const dept = await buildDepartment(t.db);
  const staff = await buildStaff(t.db, { departmentId: dept.id, staffClass: 'dedicated' });
  return signIn(t.app, staff.email);
}

async function submit(customer: PortalClient, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return customer.request('POST', '/api/portal/tickets', { subject: '燃气表不走字', description: '本月燃气表读数一直没有变化', ...body }, headers);
}

describe('portal accounts', () => {
  it('signs up a customer record with a hashed portal password, then signs in with its own cookie', async () => {
    const email = `Li.${unique()}@Example.com`;
    const res = await portalSignUp(t.app, { email, password: PORTAL_PASSWORD, name: '  李  女士 ', phone: '138-0013-8000' });
    expect(res.statusCode).toBe(202);
    expect(res.cookies).toEqual([]);
    const row = await t.db.selectFrom('customers').selectAll().where('portal_email', '=', email.toLowerCase()).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'person', name: '李 女士', phones: ['13800138000'], emails: [email.toLowerCase()] });
    expect(row.portal_password_hash).toMatch(/^scrypt\$/);
    expect(row.portal_password_hash).not.toContain(PORTAL_PASSWORD);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'customer').where('entity_id', '=', String(row.id)).execute();
    expect(audit.map((a) => [a.action, a.actor_kind, a.actor_id])).toEqual([['customer.sign_up', 'customer', row.id]]);
    expect(JSON.stringify(audit)).not.toContain('scrypt');

    const signedIn = await portalSignIn(t.app, email.toUpperCase(), PORTAL_PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    const cookie = signedIn.cookies.find((c) => c.name === 'centric_portal_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/portal' });
    expect(cookie.secure).toBeFalsy();
    expect(signedIn.json()).toMatchObject({ customer: { id: row.id, name: '李 女士', email: email.toLowerCase(), phone: '13800138000' }, csrfToken: expect.any(String) });
    // Only a hash of the cookie is stored.
    const stored = await t.db.selectFrom('portal_sessions').select('id').where('customer_id', '=', row.id).execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
    const me = await t.app.inject({ method: 'GET', url: '/api/portal/session', headers: { cookie: `centric_portal_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().customer.id).toBe(row.id);
  });

  it('answers a taken email exactly like a free one and changes nothing', async () => {
    const email = `taken-${unique()}@example.com`;
    const first = await portalSignUp(t.app, { email, password: PORTAL_PASSWORD, name: 'First' });
    const again = await portalSignUp(t.app, { email: email.toUpperCase(), password: 'another password', name: 'Impostor' });
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.json()).toEqual(first.json());
    const rows = await t.db.selectFrom('customers').select(['name']).where((eb) => eb(eb.fn('lower', ['portal_email']), '=', email)).execute();
    expect(rows).toEqual([{ name: 'First' }]);
    expect((await portalSignIn(t.app, email, 'another password')).statusCode).toBe(401);
    expect((await portalSignIn(t.app, email, PORTAL_PASSWORD)).statusCode).toBe(200);
  });

  it('never attaches to a customer record staff made with that email: no stranger reads its history', async () => {
    const agent = await buildAgent();
    const email = `known-${unique()}@example.com`;
    const phoned = await agent.request('POST', '/api/tickets', { channel: 'phone', subject: '账单疑问', newCustomer: { name: '王女士', emails: [email] } });
    expect(phoned.statusCode).toBe(201);
    await portalSignUp(t.app, { email, password: PORTAL_PASSWORD, name: '王女士' });
    const customer = await signInCustomer(t.app, email);
    expect(customer.customerId).not.toBe(phoned.json().customerId);
    expect((await customer.request('GET', '/api/portal/tickets')).json().items).toEqual([]);
    expect((await customer.request('GET', `/api/portal/tickets/${phoned.json().id}`)).statusCode).toBe(404);
    // Staff find both records by the email, to link them once the address is verified.
    const found = (await agent.request('GET', `/api/customers?q=${encodeURIComponent(email)}`)).json();
    expect((Array.isArray(found) ? found : found.items).map((c: { id: number }) => c.id).sort()).toEqual([phoned.json().customerId, customer.customerId].sort());
  });

  it('refuses bad sign-up input with the field and writes nothing', async () => {
    const before = await count('customers');
    const ok = { email: `x-${unique()}@example.com`, password: PORTAL_PASSWORD, name: 'Zhang' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, password: 'short' }, 'password'],
      [{ ...ok, password: ' padded password ' }, 'password'],
      [{ ...ok, email: 'not-an-email' }, 'email'],
      [{ ...ok, name: '   ' }, 'name'],
      [{ ...ok, phone: 'call me' }, 'phone'],
      [{ email: ok.email, password: PORTAL_PASSWORD }, 'name'],
      [{ ...ok, roles: ['admin'] }, 'roles'],
    ];
    for (const [body, field] of cases) {
      const res = await portalSignUp(t.app, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await count('customers')).toBe(before);
  });

  it('gives the same answer for an unknown email and a wrong password, and locks after 5 failures for 15 minutes', async () => {
    const customer = await signUpCustomer(t.app);
    const wrong = await portalSignIn(t.app, customer.email, 'not the password', '10.9.1.1');
    const unknown = await portalSignIn(t.app, `nobody-${unique()}@example.com`, 'not the password', '10.9.1.1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
    for (let i = 0; i < 3; i++) expect((await portalSignIn(t.app, customer.email, 'wrong', '10.9.1.1')).statusCode).toBe(401);
    const fifth = await portalSignIn(t.app, customer.email, 'wrong', '10.9.1.1');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error).toMatchObject({ code: 'too_many_attempts', message: expect.stringContaining('15 minutes') });
    expect((await portalSignIn(t.app, customer.email, PORTAL_PASSWORD, '10.9.1.2')).statusCode).toBe(429);
    // The lock is kept under the portal's own key prefix, apart from a staff account with the same address.
    const key = await t.db.selectFrom('sign_in_throttle').select(['key', 'failures']).where('key', '=', `portal-email:${customer.email}`).executeTakeFirstOrThrow();
    expect(key.failures).toBe(5);
    expect(await t.db.selectFrom('sign_in_throttle').select('key').where('key', '=', `email:${customer.email}`).executeTakeFirst()).toBeUndefined();
    // Unknown emails lock the same way, so a lockout does not reveal that an account exists.
    const ghost = `ghost-${unique()}@example.com`;
    for (let i = 0; i < 5; i++) await portalSignIn(t.app, ghost, 'wrong', '10.9.1.3');
    expect((await portalSignIn(t.app, ghost, 'wrong', '10.9.1.3')).statusCode).toBe(429);
    t.clock.advance(15 * 60_000 + 1);
    expect((await portalSignIn(t.app, customer.email, PORTAL_PASSWORD, '10.9.1.2')).statusCode).toBe(200);
  });

  it('marks the portal cookie Secure when configured for HTTPS', async () => {
    const secure = await createTestApp({ secureCookies: true });
    try {
      const email = `secure-${unique()}@example.com`;
      await portalSignUp(secure.app, { email, password: PORTAL_PASSWORD, name: 'S' });
      const res = await portalSignIn(secure.app, email, PORTAL_PASSWORD);
      expect(res.cookies.find((c) => c.name === 'centric_portal_session')!.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('needs the CSRF token for changes, and keeps staff and customer sign-ins apart', async () => {
    const customer = await signUpCustomer(t.app);
    const withoutCsrf = await t.app.inject({ method: 'POST', url: '/api/portal/tickets', headers: { cookie: customer.cookie }, payload: { subject: 'x' } });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().error.code).toBe('csrf');
    const wrongCsrf = await t.app.inject({ method: 'POST', url: '/api/portal/tickets', headers: { cookie: customer.cookie, 'x-csrf-token': 'guess' }, payload: { subject: 'x' } });
    expect(wrongCsrf.statusCode).toBe(403);
    expect((await submit(customer)).statusCode).toBe(201);

    // A customer's cookie opens nothing on the staff API, a staff session nothing on the portal.
    const staff = await signInNew(t);
    expect((await t.app.inject({ method: 'GET', url: '/api/tickets', headers: { cookie: customer.cookie } })).statusCode).toBe(401);
    expect((await staff.request('GET', '/api/portal/tickets')).statusCode).toBe(401);
    expect((await staff.request('GET', '/api/portal/session')).statusCode).toBe(401);
    // Both cookies in one browser: each API sees only its own.
    const both = `${staff.cookie}; ${customer.cookie}`;
    const mine = await t.app.inject({ method: 'GET', url: '/api/portal/session', headers: { cookie: both } });
    expect(mine.json().customer.id).toBe(customer.customerId);
    const staffMe = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: both } });
    expect(staffMe.json().user.id).toBe(staff.userId);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/tickets' })).statusCode).toBe(401);
  });

  it('signs out, and sessions expire after their lifetime', async () => {
    const customer = await signUpCustomer(t.app);
    const out = await customer.request('DELETE', '/api/portal/session');
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'centric_portal_session')).toMatchObject({ value: '', path: '/api/portal' });
    expect((await customer.request('GET', '/api/portal/session')).statusCode).toBe(401);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('entity', '=', 'customer').where('entity_id', '=', String(customer.customerId)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['customer.sign_up', 'portal_session.sign_in', 'portal_session.sign_out']);
    expect(audit.every((a) => a.actor_kind === 'customer')).toBe(true);

    const later = await signInCustomer(t.app, customer.email);
    expect((await later.request('GET', '/api/portal/session')).statusCode).toBe(200);
    t.clock.advance(t.config.sessionTtlHours * 3_600_000 + 1);
    expect((await later.request('GET', '/api/portal/session')).statusCode).toBe(401);
  });
});

describe('portal requests', () => {
  it('a submitted request is new, from the web, owned by nobody, and waits in the intake queue', async () => {
    const customer = await signUpCustomer(t.app, { phone: '13900000000' });
    const category = await t.db.insertInto('categories').values({ name: `抄表 ${unique()}` }).returning('id').executeTakeFirstOrThrow();
    const res = await submit(customer, { categoryId: category.id });
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    expect(ticket).toMatchObject({ status: 'submitted', channel: 'web', subject: '燃气表不走字', categoryId: category.id, ownerName: null, actions: ['reply'], version: 1 });
    expect(ticket.number).toMatch(/^\d{4}-\d{6}$/);
    // Nothing internal leaks into the customer's view.
    for (const field of ['ownerId', 'handlerId', 'handlerDepartmentId', 'escalatedToId', 'customerContact']) expect(ticket).not.toHaveProperty(field);

    const row = await t.db.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'new', owner_id: null, channel: 'web', customer_id: customer.customerId, customer_contact: '13900000000', created_by_kind: 'customer', created_by_id: customer.customerId });
    const agent = await buildAgent();
    expect((await agent.request('GET', '/api/tickets?view=intake')).json().items.map((x: { id: number }) => x.id)).toContain(ticket.id);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_kind', 'actor_id']).where('entity', '=', 'ticket').where('entity_id', '=', String(ticket.id)).execute();
    expect(audit).toEqual([{ action: 'ticket.register', actor_kind: 'customer', actor_id: customer.customerId }]);
  });

  it('honours Idempotency-Key: a retry returns the first request, never a second one', async () => {
    const customer = await signUpCustomer(t.app);
    const key = `portal-${unique()}`;
    const [a, b] = await Promise.all([submit(customer, {}, { 'idempotency-key': key }), submit(customer, {}, { 'idempotency-key': key })]);
    const c = await submit(customer, {}, { 'idempotency-key': key });
    expect(new Set([a, b, c].map((r) => r.json().id)).size).toBe(1);
    expect([a.statusCode, b.statusCode, c.statusCode].sort()).toEqual([200, 200, 201]);
    expect((await customer.request('GET', '/api/portal/tickets')).json().items).toHaveLength(1);
    const reused = await submit(customer, { subject: 'another matter' }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    // Keys are per person: another customer's same key is a new request.
    const other = await signUpCustomer(t.app);
    expect((await submit(other, {}, { 'idempotency-key': key })).statusCode).toBe(201);
  });

  it('refuses bad input with the field and writes nothing', async () => {
    const customer = await signUpCustomer(t.app);
    const inactive = await t.db.insertInto('categories').values({ name: `old ${unique()}`, active: false }).returning('id').executeTakeFirstOrThrow();
    const before = [await count('tickets'), await count('ticket_events')];
    const cases: [Record<string, unknown>, string][] = [
      [{ subject: '   ' }, 'subject'],
      [{ subject: 'x'.repeat(201) }, 'subject'],
      [{ categoryId: 999999 }, 'categoryId'],
      [{ categoryId: inactive.id }, 'categoryId'],
      [{ categoryId: 'gas' }, 'categoryId'],
      [{ priority: 'urgent' }, 'priority'],
      [{ channel: 'phone' }, 'channel'],
    ];
    for (const [body, field] of cases) {
      const res = await submit(customer, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    const ticket = (await submit(customer)).json();
    const bad = await customer.request('POST', `/api/portal/tickets/${ticket.id}/reply`, { text: '  ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('text');
    const badRating = await customer.request('POST', `/api/portal/tickets/${ticket.id}/rating`, { satisfaction: 6 });
    expect(badRating.statusCode).toBe(400);
    expect(badRating.json().error.field).toBe('satisfaction');
    expect([await count('tickets'), await count('ticket_events')]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('a customer sees only their own requests, a page at a time', async () => {
    const alice = await signUpCustomer(t.app, { name: 'Alice' });
    const bob = await signUpCustomer(t.app, { name: 'Bob' });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submit(alice, { subject: `Alice ${i}` })).json().id);
    const bobs = (await submit(bob, { subject: 'Bob only' })).json().id;

    const first = (await alice.request('GET', '/api/portal/tickets?limit=2')).json();
    expect(first.items.map((x: { id: number }) => x.id)).toEqual([ids[2], ids[1]]);
    const second = (await alice.request('GET', `/api/portal/tickets?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await alice.request('GET', '/api/portal/tickets?cursor=nonsense')).json().error.field).toBe('cursor');

    // Bob's request does not exist as far as Alice can tell.
    const versionBefore = (await t.db.selectFrom('tickets').select('version').where('id', '=', bobs).executeTakeFirstOrThrow()).version;
    for (const [method, url, body] of [
      ['GET', `/api/portal/tickets/${bobs}`, undefined],
      ['GET', `/api/portal/tickets/${bobs}/timeline`, undefined],
      ['POST', `/api/portal/tickets/${bobs}/reply`, { text: 'hello' }],
      ['POST', `/api/portal/tickets/${bobs}/rating`, { satisfaction: 1 }],
      ['GET', '/api/portal/tickets/99999999', undefined],
    ] as const) {
      const res = await alice.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await t.db.selectFrom('tickets').select('version').where('id', '=', bobs).executeTakeFirstOrThrow()).version).toBe(versionBefore);
  });

  it('the whole way: submit → picked up → replies both ways → resolved → confirmed and rated; internal work stays inside', async () => {
    const customer = await signUpCustomer(t.app, { name: '赵先生' });
    const agent = await buildAgent();
    const repair = await buildDepartment(t.db);
    const handlerStaff = await buildStaff(t.db, { name: '维修师傅', departmentId: repair.id });
    const handler = await signIn(t.app, handlerStaff.email);
    const id = (await submit(customer)).json().id as number;
    const act = (c: Client, action: string, body: Record<string, unknown> = {}) => c.request('POST', `/api/tickets/${id}/${action}`, body);
    const portal = (action: string, body: Record<string, unknown> = {}) => customer.request('POST', `/api/portal/tickets/${id}/${action}`, body);

    // The first staff member to pick it up from the intake queue becomes its owner.
    expect((await agent.request('GET', '/api/tickets?view=intake')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await act(agent, 'pick-up')).json()).toMatchObject({ status: 'registered', ownerId: agent.userId });
    expect((await customer.request('GET', `/api/portal/tickets/${id}`)).json()).toMatchObject({ status: 'in_progress', ownerName: expect.any(String) });

    expect((await act(agent, 'note', { text: '客户上次投诉过，注意态度' })).statusCode).toBe(200);
    expect((await act(agent, 'contact', { channel: 'phone', summary: '电话未接通' })).statusCode).toBe(200);
    expect((await act(agent, 'reply', { text: '您好，我们已安排师傅上门检查。' })).statusCode).toBe(200);
    expect((await act(agent, 'hand-over', { departmentId: repair.id, handlerId: handlerStaff.id })).statusCode).toBe(200);
    expect((await act(handler, 'accept')).statusCode).toBe(200);
    // Handed over inside the company: to the customer it is simply in progress.
    expect((await customer.request('GET', `/api/portal/tickets/${id}`)).json().status).toBe('in_progress');

    let timeline = (await customer.request('GET', `/api/portal/tickets/${id}/timeline`)).json().items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['registered', 'picked_up', 'replied']);
    expect(timeline[2]).toMatchObject({ actorKind: 'staff', payload: { text: '您好，我们已安排师傅上门检查。' } });
    expect(JSON.stringify(timeline)).not.toMatch(/注意态度|电话未接通|ownerId|handlerId|departmentId/);

    // The customer answers: owner and handler are told.
    const replied = await portal('reply', { text: '好的，我下午都在家。' });
    expect(replied.statusCode).toBe(200);
    expect(replied.json()).toMatchObject({ status: 'in_progress', actions: ['reply'] });
    for (const staff of [agent, handler]) {
      const notes = (await staff.request('GET', '/api/notifications')).json().items;
      expect(notes[0]).toMatchObject({ kind: 'customer_replied', ticketId: id });
    }
    const staffTimeline = (await agent.request('GET', `/api/tickets/${id}/timeline`)).json().items;
    expect(staffTimeline.at(-1)).toMatchObject({ type: 'replied', actorKind: 'customer', actorId: customer.customerId, actorName: '赵先生' });
    const replyAudit = await t.db.selectFrom('audit_log').select(['actor_kind', 'actor_id']).where('entity', '=', 'ticket').where('entity_id', '=', String(id)).where('action', '=', 'ticket.reply').orderBy('id').execute();
    expect(replyAudit).toEqual([{ actor_kind: 'staff', actor_id: agent.userId }, { actor_kind: 'customer', actor_id: customer.customerId }]);
    const listed = (await admin().then((a) => a.request('GET', `/api/audit?entity=ticket&entityId=${id}`))).json().items;
    expect(listed.find((r: { actorKind: string }) => r.actorKind === 'customer')).toMatchObject({ actorName: '赵先生' });

    // Nothing to confirm or rate before there is a result.
    expect((await portal('confirm')).statusCode).toBe(409);
    const early = await portal('rating', { satisfaction: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('wrong_state');

    expect((await act(handler, 'resolve', { result: '更换了燃气表，读数正常。' })).statusCode).toBe(200);
    const resolved = (await customer.request('GET', `/api/portal/tickets/${id}`)).json();
    expect(resolved).toMatchObject({ status: 'resolved', result: '更换了燃气表，读数正常。', actions: ['reply', 'confirm', 'rate', 'reopen'] });

    expect((await portal('confirm', { comment: '确认修好了', version: resolved.version })).json()).toMatchObject({ status: 'resolved', confirmedAt: expect.any(String) });
    const stale = await portal('rating', { satisfaction: 5, version: resolved.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const rated = await portal('rating', { satisfaction: 4, comment: '师傅很专业' });
    expect(rated.statusCode).toBe(201);
    expect(rated.json()).toMatchObject({ status: 'rated', satisfaction: 4 });
    const again = await portal('rating', { satisfaction: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_rated');
    expect((await agent.request('GET', '/api/notifications')).json().items[0]).toMatchObject({ kind: 'satisfaction_recorded', ticketId: id });
    // The customer's rating is the callback: the owner has nobody left to call and may close.
    expect((await agent.request('GET', '/api/tickets?view=callback-due')).json().items.map((x: { id: number }) => x.id)).not.toContain(id);
    expect((await act(agent, 'close')).json().status).toBe('closed');

    timeline = (await customer.request('GET', `/api/portal/tickets/${id}/timeline`)).json().items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['registered', 'picked_up', 'replied', 'replied', 'resolved', 'customer_confirmed', 'customer_rated', 'closed']);
    expect(timeline.find((e: { type: string }) => e.type === 'customer_rated').payload).toEqual({ satisfaction: 4, comment: '师傅很专业' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('entity', '=', 'ticket').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit.filter((a) => a.actor_kind === 'customer').map((a) => a.action)).toEqual(['ticket.register', 'ticket.reply', 'ticket.confirm', 'ticket.rate']);
  });

  it('a customer reopens within 14 days of the result, not after; staff still can', async () => {
    let customer = await signUpCustomer(t.app);
    let agent = await buildAgent();
    const agentEmail = (await t.db.selectFrom('staff').select('email').where('id', '=', agent.userId).executeTakeFirstOrThrow()).email;
    // Sessions last hours, the window days: sign in again after moving the clock.
    const later = async (ms: number) => {
      t.clock.advance(ms);
      customer = await signInCustomer(t.app, customer.email);
      agent = await signIn(t.app, agentEmail);
    };
    const resolveNew = async () => {
      const id = (await submit(customer)).json().id as number;
      await agent.request('POST', `/api/tickets/${id}/pick-up`, {});
      expect((await agent.request('POST', `/api/tickets/${id}/resolve`, { result: '已处理' })).statusCode).toBe(200);
      return id;
    };
    const soon = await resolveNew();
    await later(13 * DAY_MS);
    const reopened = await customer.request('POST', `/api/portal/tickets/${soon}/reopen`, { reason: '问题又出现了' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'in_progress', reopenCount: 1, result: null });
    expect((await agent.request('GET', '/api/notifications')).json().items[0]).toMatchObject({ kind: 'reopened', ticketId: soon });

    const late = await resolveNew();
    await later(15 * DAY_MS);
    expect((await customer.request('GET', `/api/portal/tickets/${late}`)).json().actions).not.toContain('reopen');
    const refused = await customer.request('POST', `/api/portal/tickets/${late}/reopen`, { reason: '还是不行' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/14 days/);
    expect((await agent.request('POST', `/api/tickets/${late}/reopen`, { reason: '客户来电说还是不行' })).statusCode).toBe(200);
  });

  it('customers cannot do staff work, and staff cannot rate for the customer', async () => {
    const customer = await signUpCustomer(t.app);
    const agent = await buildAgent();
    const id = (await submit(customer)).json().id as number;
    await agent.request('POST', `/api/tickets/${id}/pick-up`, {});
    for (const action of ['resolve', 'note', 'pick-up', 'close']) {
      expect((await customer.request('POST', `/api/portal/tickets/${id}/${action}`, {})).statusCode).toBe(404);
    }
    expect((await customer.request('POST', `/api/tickets/${id}/resolve`, { result: 'x' })).statusCode).toBe(401);
    await agent.request('POST', `/api/tickets/${id}/resolve`, { result: 'done' });
    expect((await agent.request('POST', `/api/tickets/${id}/rate`, { satisfaction: 5 })).statusCode).toBe(404);
    expect((await agent.request('GET', `/api/tickets/${id}`)).json().actions).not.toContain('rate');
    expect((await customer.request('GET', '/api/portal/categories')).statusCode).toBe(200);
  });

  it('lists the portal and rating paths in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/portal/account', '/api/portal/session', '/api/portal/categories', '/api/portal/tickets', '/api/portal/tickets/{id}',
      '/api/portal/tickets/{id}/timeline', '/api/portal/tickets/{id}/reply', '/api/portal/tickets/{id}/confirm',
      '/api/portal/tickets/{id}/reopen', '/api/portal/tickets/{id}/rating', '/api/tickets/{id}/rating-link', '/api/rating/{token}',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/portal/tickets'].post.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
    expect(doc.components.securitySchemes.portalCookie).toMatchObject({ in: 'cookie', name: 'centric_portal_session' });
  });
});

let adminClient: Client | null = null;
async function admin(): Promise<Client> {
  adminClient ??= await signInNew(t, { roles: ['admin'] });
  return adminClient;
}
