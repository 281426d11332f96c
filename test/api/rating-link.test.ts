import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { signRatingLink, verifyRatingLink } from '../../src/services/tickets/rating-links.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { signUpCustomer, type PortalClient } from '../helpers/portal.ts';
import { createTestApp, signIn, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestApp();
  // These links ask the rating alone: no callback survey template (a new install has a seeded one, migration 0019).
  await t.db.updateTable('survey_templates').set({ for_callback: false }).execute();
});
afterAll(() => t.close());

async function buildAgent(): Promise<Client> {
  const dept = await buildDepartment(t.db);
  return signIn(t.app, (await buildStaff(t.db, { departmentId: dept.id })).email);
}

/** A portal request picked up by `owner` and resolved by them in one go. */
async function resolvedTicket(owner: Client, customer?: PortalClient): Promise<{ id: number; customer: PortalClient }> {
  const c = customer ?? (await signUpCustomer(t.app));
  const id = (await c.request('POST', '/api/portal/tickets', { subject: '停电报修' })).json().id as number;
  expect((await owner.request('POST', `/api/tickets/${id}/pick-up`, {})).statusCode).toBe(200);
  expect((await owner.request('POST', `/api/tickets/${id}/resolve`, { result: '更换了保险丝' })).statusCode).toBe(200);
  return { id, customer: c };
}

async function makeLink(owner: Client, id: number) {
  const res = await owner.request('POST', `/api/tickets/${id}/rating-link`);
  expect(res.statusCode, res.body).toBe(201);
  const { url, expiresAt } = res.json() as { url: string; expiresAt: string };
  return { url, expiresAt, token: url.split('/rate/')[1]! };
}

const read = (token: string) => t.app.inject({ method: 'GET', url: `/api/rating/${token}` });
const rate = (token: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/rating/${token}`, payload: body });

describe('rating links', () => {
  it('the owner makes a signed link; the customer rates through it once, without signing in', async () => {
    const owner = await buildAgent();
    const { id, customer } = await resolvedTicket(owner);
    const { url, expiresAt, token } = await makeLink(owner, id);
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/rate\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(new Date(expiresAt).getTime()).toBe(t.clock.nowMs + 14 * DAY_MS);
    const linkAudit = await t.db.selectFrom('audit_log').select(['actor_kind', 'actor_id']).where('action', '=', 'ticket.rating_link').where('entity_id', '=', String(id)).execute();
    expect(linkAudit).toEqual([{ actor_kind: 'staff', actor_id: owner.userId }]);

    const number = (await customer.request('GET', `/api/portal/tickets/${id}`)).json().number;
    const shown = await read(token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ ticketNumber: number, subject: '停电报修', status: 'resolved', alreadyRated: false, expiresAt });

    const rated = await rate(token, { satisfaction: 5, comment: '很快就修好了' });
    expect(rated.statusCode).toBe(201);
    expect(rated.json()).toEqual({ ticketNumber: number, satisfaction: 5 });
    const row = await t.db.selectFrom('tickets').select(['status', 'satisfaction', 'customer_confirmed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'called_back', satisfaction: 5, customer_confirmed_at: expect.any(Date) });
    const event = await t.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', id).where('type', '=', 'customer_rated').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_kind: 'customer', actor_id: customer.customerId, action: 'rate', visible_to_customer: true, payload: { satisfaction: 5, comment: '很快就修好了', via: 'link', confirmed: true } });
    const audit = await t.db.selectFrom('audit_log').select(['actor_kind', 'actor_id']).where('action', '=', 'ticket.rate').where('entity_id', '=', String(id)).execute();
    expect(audit).toEqual([{ actor_kind: 'customer', actor_id: customer.customerId }]);
    expect((await owner.request('GET', '/api/notifications')).json().items[0]).toMatchObject({ kind: 'satisfaction_recorded', ticketId: id });

    expect((await read(token)).json().alreadyRated).toBe(true);
    const again = await rate(token, { satisfaction: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_rated');
    expect((await t.db.selectFrom('tickets').select('satisfaction').where('id', '=', id).executeTakeFirstOrThrow()).satisfaction).toBe(5);
    expect(await t.db.selectFrom('rating_link_uses').select('ticket_id').where('ticket_id', '=', id).execute()).toHaveLength(1);
  });

  it('answers 410 once the link expired, and nothing is written', async () => {
    const owner = await buildAgent();
    const { id } = await resolvedTicket(owner);
    const { token } = await makeLink(owner, id);
    t.clock.advance(14 * DAY_MS + 1);
    const shown = await read(token);
    expect(shown.statusCode).toBe(410);
    expect(shown.json().error.code).toBe('link_expired');
    const late = await rate(token, { satisfaction: 3 });
    expect(late.statusCode).toBe(410);
    expect((await t.db.selectFrom('tickets').select(['status', 'satisfaction']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ status: 'resolved', satisfaction: null });
  });

  it('answers 404 for a tampered, truncated, made-up or foreign-signed link', async () => {
    const owner = await buildAgent();
    const { id } = await resolvedTicket(owner);
    const other = await resolvedTicket(owner);
    const { token } = await makeLink(owner, id);
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(JSON.stringify(Buffer.from(payload, 'base64url').toString('utf8').split('.')));
    // Point the link at another ticket, or push its expiry out, keeping the old signature.
    const otherTicket = Buffer.from([other.id, claims[1], claims[2]].join('.')).toString('base64url');
    const longer = Buffer.from([claims[0], Number(claims[1]) + 365 * DAY_MS, claims[2]].join('.')).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    const foreign = signRatingLink({ ticketId: id, expiresAtMs: t.clock.nowMs + DAY_MS, round: null, nonce: 'abcdefghijklmnopqrstuv' }, 'x'.repeat(40));
    for (const bad of [`${otherTicket}.${signature}`, `${longer}.${signature}`, `${payload}.${flipped}`, payload, `${token}.x`, 'nonsense', foreign]) {
      const shown = await read(encodeURIComponent(bad));
      expect(shown.statusCode, bad).toBe(404);
      expect(shown.json().error.code).toBe('invalid_link');
      expect((await rate(encodeURIComponent(bad), { satisfaction: 1 })).statusCode, bad).toBe(404);
    }
    expect(await t.db.selectFrom('tickets').select('satisfaction').where('id', 'in', [id, other.id]).execute()).toEqual([{ satisfaction: null }, { satisfaction: null }]);
  });

  it('only the owner makes a link, only while the result awaits its rating, only for a known customer', async () => {
    const owner = await buildAgent();
    const colleague = await buildAgent();
    const { id, customer } = await resolvedTicket(owner);
    const byOther = await colleague.request('POST', `/api/tickets/${id}/rating-link`);
    expect([403, 404]).toContain(byOther.statusCode);
    expect((await customer.request('POST', `/api/tickets/${id}/rating-link`)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/tickets/${id}/rating-link` })).statusCode).toBe(401);

    // Not resolved yet.
    const open = (await customer.request('POST', '/api/portal/tickets', { subject: 'still open' })).json().id;
    await owner.request('POST', `/api/tickets/${open}/pick-up`, {});
    const notYet = await owner.request('POST', `/api/tickets/${open}/rating-link`);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.code).toBe('wrong_state');

    // The owner called back first: the satisfaction is recorded, a link is pointless, an old link is spent.
    const { token } = await makeLink(owner, id);
    expect((await owner.request('POST', `/api/tickets/${id}/callback`, { satisfaction: 3, channel: 'phone' })).statusCode).toBe(200);
    const after = await owner.request('POST', `/api/tickets/${id}/rating-link`);
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('already_rated');
    expect((await read(token)).json()).toMatchObject({ status: 'rated', alreadyRated: true });
    const late = await rate(token, { satisfaction: 5 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('already_rated');
    expect(await t.db.selectFrom('rating_link_uses').select('nonce').where('ticket_id', '=', id).execute()).toEqual([]);

    // A phone caller who left no identity has no record to rate as.
    const anonymous = (await owner.request('POST', '/api/tickets', { channel: 'phone', subject: '匿名来电' })).json().id;
    await owner.request('POST', `/api/tickets/${anonymous}/resolve`, { result: '已答复' });
    const noCustomer = await owner.request('POST', `/api/tickets/${anonymous}/rating-link`);
    expect(noCustomer.statusCode).toBe(409);
    expect(noCustomer.json().error.code).toBe('no_customer');
  });

  it('refuses bad ratings with the field and spends nothing', async () => {
    const owner = await buildAgent();
    const { id } = await resolvedTicket(owner);
    const { token } = await makeLink(owner, id);
    for (const [body, field] of [
      [{ satisfaction: 0 }, 'satisfaction'],
      [{ satisfaction: 6 }, 'satisfaction'],
      [{ satisfaction: 'great' }, 'satisfaction'],
      [{ comment: 'no score' }, 'satisfaction'],
      [{ satisfaction: 4, comment: 'x'.repeat(2001) }, 'comment'],
      [{ satisfaction: 4, version: 1 }, 'version'],
    ] as const) {
      const res = await rate(token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await t.db.selectFrom('rating_link_uses').select('nonce').where('ticket_id', '=', id).execute()).toEqual([]);
    expect((await rate(token, { satisfaction: 4 })).statusCode).toBe(201);
  });

  it('signs with a secret kept in the database, shared by every instance; CENTRIC_SECRET replaces it', async () => {
    const owner = await buildAgent();
    const { id } = await resolvedTicket(owner);
    const { token } = await makeLink(owner, id);
    const stored = await t.db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
    expect(verifyRatingLink(token, stored.value)).toMatchObject({ ticketId: id });
    const generated = await t.db.selectFrom('audit_log').select(['action', 'actor_kind', 'after']).where('entity', '=', 'settings').execute();
    expect(generated).toEqual([{ action: 'settings.generate', actor_kind: 'system', after: null }]);

    // A second instance on the same database reads the same secret.
    const second = await buildApp({ db: t.db, config: loadConfig({}), now: () => t.clock.nowMs });
    try {
      expect((await second.inject({ method: 'GET', url: `/api/rating/${token}` })).statusCode).toBe(200);
    } finally {
      await second.close();
    }
    // An instance configured with its own secret does not accept links signed with the stored one.
    const configured = await buildApp({ db: t.db, config: loadConfig({ CENTRIC_SECRET: 's'.repeat(40) }), now: () => t.clock.nowMs });
    try {
      expect((await configured.inject({ method: 'GET', url: `/api/rating/${token}` })).statusCode).toBe(404);
    } finally {
      await configured.close();
    }
    expect(() => loadConfig({ CENTRIC_SECRET: 'too short' })).toThrow(ConfigError);
    expect(() => loadConfig({ CENTRIC_SECRET: 'too short' })).toThrow(/CENTRIC_SECRET/);
  });

  it('binds a link to the result it asks about: after a reopen and a new result, an unused old link rates nothing', async () => {
    const owner = await buildAgent();
    const { id } = await resolvedTicket(owner);
    const old = await makeLink(owner, id);
    // A link signed before links named their result (no round in it) still rates the first result.
    const secret = (await t.db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow()).value;
    const legacy = signRatingLink({ ticketId: id, expiresAtMs: t.clock.nowMs + DAY_MS, round: null, nonce: 'legacy-link-nonce-0001' }, secret);
    expect((await read(legacy)).statusCode).toBe(200);

    expect((await owner.request('POST', `/api/tickets/${id}/reopen`, { reason: '客户说又停电了' })).statusCode).toBe(200);
    for (const token of [old.token, legacy]) {
      const shown = await read(token);
      expect(shown.statusCode).toBe(410);
      expect(shown.json().error.code).toBe('link_superseded');
    }
    expect((await owner.request('POST', `/api/tickets/${id}/resolve`, { result: '更换了电表' })).statusCode).toBe(200);
    for (const token of [old.token, legacy]) {
      expect((await read(token)).json().error.code).toBe('link_superseded');
      const late = await rate(token, { satisfaction: 5 });
      expect(late.statusCode).toBe(410);
      expect(late.json().error.code).toBe('link_superseded');
    }
    expect((await t.db.selectFrom('tickets').select(['status', 'satisfaction']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ status: 'resolved', satisfaction: null });
    expect(await t.db.selectFrom('rating_link_uses').select('nonce').where('ticket_id', '=', id).execute()).toEqual([]);

    // A link made for the new result rates it.
    const fresh = await makeLink(owner, id);
    expect(verifyRatingLink(fresh.token, secret)).toMatchObject({ ticketId: id, round: 1 });
    expect((await rate(fresh.token, { satisfaction: 4 })).statusCode).toBe(201);
  });

  it('builds the link on CENTRIC_PUBLIC_URL when set, never on a Host header the caller sent', async () => {
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    // Unset: the request's own Host is all there is (which is why production should set it).
    const owner = await buildAgent();
    const { id } = await resolvedTicket(owner);
    const guessed = await owner.request('POST', `/api/tickets/${id}/rating-link`, undefined, forged);
    expect(guessed.json().url).toMatch(/^http:\/\/evil\.example\/rate\//);

    const configured = await createTestApp({ publicUrl: loadConfig({ CENTRIC_PUBLIC_URL: 'https://service.example.com/desk/' }).publicUrl });
    try {
      const dept = await buildDepartment(configured.db);
      const agent = await signIn(configured.app, (await buildStaff(configured.db, { departmentId: dept.id })).email);
      const anonymousCaller = (await agent.request('POST', '/api/tickets', { channel: 'phone', subject: '燃气表漏气', newCustomer: { name: '王女士' } })).json().id as number;
      expect((await agent.request('POST', `/api/tickets/${anonymousCaller}/resolve`, { result: '已上门处理' })).statusCode).toBe(200);
      const res = await agent.request('POST', `/api/tickets/${anonymousCaller}/rating-link`, undefined, forged);
      expect(res.statusCode, res.body).toBe(201);
      const { url } = res.json() as { url: string };
      expect(url).toMatch(/^https:\/\/service\.example\.com\/desk\/rate\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(url).not.toContain('evil');
      expect((await configured.app.inject({ method: 'GET', url: `/api/rating/${url.split('/rate/')[1]}` })).statusCode).toBe(200);
    } finally {
      await configured.close();
    }
    for (const bad of ['service.example.com', 'ftp://service.example.com', 'https://service.example.com/?a=1']) {
      expect(() => loadConfig({ CENTRIC_PUBLIC_URL: bad }), bad).toThrow(/CENTRIC_PUBLIC_URL/);
    }
  });
});
