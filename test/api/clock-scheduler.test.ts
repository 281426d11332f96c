import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { createBackgroundJobs } from '../../src/jobs/start-background-jobs.ts';
import { createClockScheduler } from '../../src/jobs/clock-scheduler.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signIn, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

const MIN = 60_000;
let t: TestApp;
let admin: Client;
let aroundId: number;
const unique = () => Math.random().toString(36).slice(2, 8);

/** Company (head: the director) > Service (head: the supervisor) with the agent; a category of its own per test. */
async function buildOrg(db = t.db, app = t.app) {
  const director = await buildStaff(db, { name: `Director ${unique()}` });
  const company = await buildDepartment(db, { headId: director.id });
  const supervisor = await buildStaff(db, { name: `Supervisor ${unique()}` });
  const service = await buildDepartment(db, { parentId: company.id, name: `客服部 ${unique()}`, headId: supervisor.id });
  const agent = await buildStaff(db, { name: `Agent ${unique()}`, departmentId: service.id, staffClass: 'dedicated' });
  await db.updateTable('staff').set({ department_id: company.id }).where('id', 'in', [director.id, supervisor.id]).execute();
  const category = await db.insertInto('categories').values({ name: `燃气报修 ${unique()}`, department_id: service.id }).returning(['id', 'department_id']).executeTakeFirstOrThrow();
  return { director, supervisor, agent, category, agentClient: await signIn(app, agent.email) };
}
type Org = Awaited<ReturnType<typeof buildOrg>>;

async function commit(o: Record<string, unknown>, client = admin) {
  const res = await client.request('POST', '/api/commitments', { startEvent: 'registered', stopEvent: 'resolved', targetUnit: 'minutes', calendarId: aroundId, responsible: { kind: 'owner' }, ...o });
  if (res.statusCode !== 201) throw new Error(`commitment: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number };
}
async function register(org: Org) {
  const res = await org.agentClient.request('POST', '/api/tickets', { channel: 'phone', subject: '燃气表漏气', categoryId: org.category.id, newCustomer: { name: '王女士', phones: ['13800000000'] } });
  if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}
async function clockEvents(ticketId: number) {
  const rows = await t.db.selectFrom('ticket_events').select(['type', 'payload']).where('ticket_id', '=', ticketId).where('type', 'like', 'clock\\_%').orderBy('id').execute();
  return rows.map((r) => ({ type: r.type, ...(r.payload as { step: number; notifiedId: number | null; commitment: string }) }));
}
async function notificationsOf(staffId: number, ticketId: number) {
  return (await t.db.selectFrom('notifications').select('kind').where('recipient_id', '=', staffId).where('ticket_id', '=', ticketId).orderBy('id').execute()).map((n) => n.kind);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  const calendars = (await admin.request('GET', '/api/calendars')).json().items as { id: number; builtin: string | null }[];
  aroundId = calendars.find((c) => c.builtin === '24x7')!.id;
});
// A commitment applies to tickets registered after its version was made: each test starts at the real now.
afterEach(() => {
  t.clock.nowMs = Date.now();
});
afterAll(() => t.close());

describe('the clock scheduler', () => {
  it('warns the owner, tells their head of the breach, escalates up the line, each exactly once and on the ticket', async () => {
    const org = await buildOrg();
    await commit({ name: `Resolve in 60 min ${unique()}`, targetValue: 60, appliesTo: { categoryIds: [org.category.id] }, escalateAfterMinutes: [30] });
    const t0 = Date.now();
    t.clock.nowMs = t0;
    const ticketId = await register(org);
    await t.jobs.clockEngine.catchUp();
    const [clock] = await t.db.selectFrom('clocks').selectAll().where('ticket_id', '=', ticketId).execute();
    expect(clock!.next_fire_at!.getTime()).toBe(clock!.warn_at!.getTime());

    // Before the warning time nothing fires.
    t.clock.nowMs = t0 + 47 * MIN;
    await t.jobs.clockScheduler.runOnce();
    expect(await clockEvents(ticketId)).toEqual([]);

    t.clock.nowMs = t0 + 49 * MIN;
    await t.jobs.clockScheduler.runOnce();
    await t.jobs.clockScheduler.runOnce(); // again: nothing new
    expect((await clockEvents(ticketId)).map((e) => [e.type, e.notifiedId])).toEqual([['clock_warned', org.agent.id]]);
    expect(await notificationsOf(org.agent.id, ticketId)).toContain('clock_warned');

    t.clock.nowMs = t0 + 61 * MIN;
    await t.jobs.clockScheduler.runOnce();
    const breached = await t.db.selectFrom('clocks').selectAll().where('id', '=', clock!.id).executeTakeFirstOrThrow();
    expect(breached.state).toBe('breached');
    expect(breached.breached_at!.getTime()).toBe(clock!.due_at!.getTime());
    expect(await notificationsOf(org.supervisor.id, ticketId)).toEqual(['clock_breached']);
    // No stages under it: the parent's own slack ran out.
    expect((await t.db.selectFrom('clock_attributions').select('kind').where('clock_id', '=', clock!.id).execute()).map((a) => a.kind)).toEqual(['parent_slack']);

    t.clock.nowMs = t0 + 92 * MIN;
    await t.jobs.clockScheduler.runOnce();
    await t.jobs.clockScheduler.runOnce();
    expect((await clockEvents(ticketId)).map((e) => [e.type, e.step, e.notifiedId])).toEqual([
      ['clock_warned', 0, org.agent.id],
      ['clock_breached', 0, org.supervisor.id],
      ['clock_escalated', 1, org.director.id],
    ]);
    expect(await notificationsOf(org.director.id, ticketId)).toEqual(['clock_escalated']);
    const firings = await t.db.selectFrom('clock_firings').select(['kind', 'delay_ms']).where('clock_id', '=', clock!.id).orderBy('due_at').execute();
    expect(firings.map((f) => f.kind)).toEqual(['warning', 'breach', 'escalation']);
    // The ladder is done: nothing more is scheduled, and the clock shows breached on the ticket.
    expect((await t.db.selectFrom('clocks').select('next_fire_at').where('id', '=', clock!.id).executeTakeFirstOrThrow()).next_fire_at).toBeNull();
    const shown = (await org.agentClient.request('GET', `/api/tickets/${ticketId}/clocks`)).json().items as { state: string; warned: boolean }[];
    expect(shown[0]).toMatchObject({ state: 'breached', warned: true });
    // The timeline shows the firings to staff, never to the customer.
    const timeline = (await org.agentClient.request('GET', `/api/tickets/${ticketId}/timeline`)).json() as { items?: { type: string }[] } | { type: string }[];
    const items = Array.isArray(timeline) ? timeline : timeline.items ?? [];
    expect(items.filter((e) => e.type.startsWith('clock_')).length).toBe(3);
  });

  it('fires everything that came due while it was down, in order, and a clock met in time fires nothing more', async () => {
    const org = await buildOrg();
    await commit({ name: `Resolve in 60 min ${unique()}`, targetValue: 60, appliesTo: { categoryIds: [org.category.id] }, escalateAfterMinutes: [10, 20] });
    const t0 = Date.now();
    t.clock.nowMs = t0;
    const late = await register(org);
    const onTime = await register(org);
    await t.jobs.clockEngine.catchUp();
    const version = (await t.db.selectFrom('tickets').select('version').where('id', '=', onTime).executeTakeFirstOrThrow()).version;
    t.clock.nowMs = t0 + 10 * MIN;
    const resolved = await org.agentClient.request('POST', `/api/tickets/${onTime}/resolve`, { version, result: 'Meter replaced' });
    expect(resolved.statusCode).toBe(200);
    await t.jobs.clockEngine.catchUp();

    t.clock.nowMs = t0 + 200 * MIN;
    await t.jobs.clockScheduler.runOnce();
    expect((await clockEvents(late)).map((e) => [e.type, e.step])).toEqual([['clock_warned', 0], ['clock_breached', 0], ['clock_escalated', 1], ['clock_escalated', 2]]);
    expect(await clockEvents(onTime)).toEqual([]);
    const firings = await t.db.selectFrom('clock_firings as f').innerJoin('clocks as c', 'c.id', 'f.clock_id').select(['f.delay_ms']).where('c.ticket_id', '=', late).orderBy('f.due_at').execute();
    // Each firing records how late it was: the warning (at 48 min) waited longest.
    expect(firings[0]!.delay_ms).toBe(152 * MIN);
  });

  it('names the stage that overran its budget, with the person responsible then', async () => {
    const org = await buildOrg();
    const parent = await commit({ name: `Resolve in 120 min ${unique()}`, targetValue: 120, appliesTo: { categoryIds: [org.category.id] } });
    const contactName = `Contact within 30 min ${unique()}`;
    const contact = await commit({ name: contactName, parentId: parent.id, targetValue: 30, stopEvent: 'contact_logged' });
    await commit({ name: `Hand over within 20 min ${unique()}`, parentId: parent.id, targetValue: 20, stopEvent: 'handed_over' });
    const t0 = Date.now();
    t.clock.nowMs = t0;
    const ticketId = await register(org);
    await t.jobs.clockEngine.catchUp();
    // A contact after 100 minutes: 70 over its 30-minute budget; the hand-over has not happened by the due time.
    t.clock.nowMs = t0 + 100 * MIN;
    const version = (await t.db.selectFrom('tickets').select('version').where('id', '=', ticketId).executeTakeFirstOrThrow()).version;
    const contacted = await org.agentClient.request('POST', `/api/tickets/${ticketId}/contact`, { version, channel: 'phone', summary: 'Called back about the leak' });
    expect(contacted.statusCode).toBe(200);
    await t.jobs.clockEngine.catchUp();

    // The service is down at the due time (120 min); meanwhile the ticket is handed over at 200 min, and
    // the breach fires only at 300. Each stage is measured as of the due time, when the promise broke.
    t.clock.nowMs = t0 + 200 * MIN;
    const v2 = (await t.db.selectFrom('tickets').select('version').where('id', '=', ticketId).executeTakeFirstOrThrow()).version;
    const handler = await buildStaff(t.db, { departmentId: org.category.department_id });
    const handed = await org.agentClient.request('POST', `/api/tickets/${ticketId}/hand-over`, { version: v2, departmentId: org.category.department_id!, handlerId: handler.id });
    expect(handed.statusCode, handed.body).toBe(200);
    await t.jobs.clockEngine.catchUp();
    t.clock.nowMs = t0 + 300 * MIN;
    await t.jobs.clockScheduler.runOnce();
    const level1 = await t.db.selectFrom('clocks').select('id').where('ticket_id', '=', ticketId).where('parent_clock_id', 'is', null).executeTakeFirstOrThrow();
    const attributions = await t.db
      .selectFrom('clock_attributions')
      .select(['kind', 'budget_minutes', 'used_minutes', 'overrun_minutes', 'staff_id'])
      .where('clock_id', '=', level1.id)
      .orderBy('overrun_minutes', 'desc')
      .execute();
    expect(attributions).toEqual([
      { kind: 'stage_overrun', budget_minutes: 20, used_minutes: 120, overrun_minutes: 100, staff_id: org.agent.id },
      { kind: 'stage_overrun', budget_minutes: 30, used_minutes: 100, overrun_minutes: 70, staff_id: org.agent.id },
    ]);
    // Renamed afterwards: the ticket page still names the stage as it was when it overran.
    const renamed = await admin.request('PATCH', `/api/commitments/${contact.id}`, { name: 'Contact within half an hour' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const shown = (await org.agentClient.request('GET', `/api/tickets/${ticketId}/clocks`)).json().items as { id: number; attributions: { stageName: string }[] }[];
    expect(shown.find((c) => c.id === level1.id)!.attributions.map((a) => a.stageName)).toContain(contactName);
  });
});

describe('several instances and a restart', () => {
  const apps: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });
  /** An instance: an app and its jobs, never started; the test drives both instances' runs itself, at the same moment. */
  async function startApp(now: () => number) {
    const app = await buildApp({ db: t.db, databaseUrl: t.url, config: loadConfig({}), now });
    await app.ready();
    const jobs = createBackgroundJobs({ db: t.db, databaseUrl: t.url, now });
    const instance = {
      clockScheduler: jobs.clockScheduler,
      async close() {
        await jobs.stop();
        await app.close();
      },
    };
    apps.push(instance);
    return instance;
  }

  it('fires each warning and breach exactly once when two instances run at the same moment', async () => {
    const org = await buildOrg();
    await commit({ name: `Resolve in 30 min ${unique()}`, targetValue: 30, appliesTo: { categoryIds: [org.category.id] } });
    const t0 = Date.now();
    t.clock.nowMs = t0;
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await register(org));
    await t.jobs.clockEngine.catchUp();
    const later = () => t0 + 31 * MIN;
    const [a, b] = [await startApp(later), await startApp(later)];
    const [fa, fb] = await Promise.all([a.clockScheduler.runOnce(), b.clockScheduler.runOnce()]);
    expect(fa + fb).toBe(80); // 40 warnings and 40 breaches between them
    const events = await t.db.selectFrom('ticket_events').select(['ticket_id', 'type']).where('ticket_id', 'in', ids).where('type', 'like', 'clock\\_%').execute();
    expect(events.length).toBe(80);
    expect(new Set(events.map((e) => `${e.ticket_id}:${e.type}`)).size).toBe(80);
    expect(await a.clockScheduler.runOnce()).toBe(0);
  });

  it('backs off instead of spinning while another instance holds the due clocks, and fires them once they are free', async () => {
    const org = await buildOrg();
    await commit({ name: `Resolve in 1 min ${unique()}`, targetValue: 1, appliesTo: { categoryIds: [org.category.id] } });
    t.clock.nowMs = Date.now();
    const ticketId = await register(org);
    await t.jobs.clockEngine.catchUp();
    const clock = await t.db.selectFrom('clocks').select('id').where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
    // "Another instance" holds the clock's row, as a claim in progress would.
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select id from clocks where id = $1 for update', [clock.id]);
    const scheduler = createClockScheduler({ db: t.db, now: () => Date.now() + 2 * MIN, busyBackoffMs: 100 });
    try {
      scheduler.start({ url: t.url });
      await new Promise((r) => setTimeout(r, 700));
      // 700 ms at 100–200 ms a try is at most ~8 runs; with no back-off it would be hundreds.
      expect(scheduler.stats.runs).toBeGreaterThanOrEqual(2);
      expect(scheduler.stats.runs).toBeLessThanOrEqual(10);
      expect(scheduler.stats.fired).toBe(0);
      await holder.query('commit');
      const deadline = Date.now() + 3_000;
      while (scheduler.stats.fired < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect((await clockEvents(ticketId)).map((e) => e.type)).toEqual(['clock_warned', 'clock_breached']);
    } finally {
      await scheduler.stop();
      await holder.end();
    }
  });

  it('after a restart, fires what came due while no instance ran', async () => {
    const org = await buildOrg();
    await commit({ name: `Resolve in 30 min ${unique()}`, targetValue: 30, appliesTo: { categoryIds: [org.category.id] } });
    const t0 = Date.now();
    t.clock.nowMs = t0;
    const ticketId = await register(org);
    await t.jobs.clockEngine.catchUp();
    const first = await startApp(() => t0 + 25 * MIN); // warned, then stopped before the breach
    expect(await first.clockScheduler.runOnce()).toBe(1);
    await first.close();
    const second = await startApp(() => t0 + 40 * MIN);
    expect(await second.clockScheduler.runOnce()).toBe(1);
    expect((await clockEvents(ticketId)).map((e) => e.type)).toEqual(['clock_warned', 'clock_breached']);
  });
});
