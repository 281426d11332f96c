import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp, type AppInstance } from '../../src/http/app.ts';
import { createClockEngine } from '../../src/jobs/clock-engine.ts';
import { createBackgroundJobs, startBackgroundJobs, type BackgroundJobs } from '../../src/jobs/start-background-jobs.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signIn, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

const MIN = 60_000;
let t: TestApp;
let admin: Client;
let aroundId: number;
let chinaId: number;

const unique = () => Math.random().toString(36).slice(2, 8);

/** A service desk, a repair department with a handler, an outsider, and a category of its own (commitments are scoped to it). */
async function buildOrg(app = t.app, db = t.db) {
  const company = await buildDepartment(db);
  const service = await buildDepartment(db, { parentId: company.id, name: `客服部 ${unique()}` });
  const repair = await buildDepartment(db, { parentId: company.id, name: `抢修队 ${unique()}` });
  const agent = await buildStaff(db, { name: `Agent ${unique()}`, departmentId: service.id, staffClass: 'dedicated' });
  const handler = await buildStaff(db, { name: `Handler ${unique()}`, departmentId: repair.id });
  const outsider = await buildStaff(db, { departmentId: (await buildDepartment(db)).id });
  const category = await db.insertInto('categories').values({ name: `燃气报修 ${unique()}`, department_id: repair.id }).returning('id').executeTakeFirstOrThrow();
  return {
    service, repair, category,
    agentName: agent.name, handlerName: handler.name,
    agent: await signIn(app, agent.email), handler: await signIn(app, handler.email), outsider: await signIn(app, outsider.email),
  };
}
type Org = Awaited<ReturnType<typeof buildOrg>>;

async function commit(client: Client, o: Record<string, unknown>) {
  const res = await client.request('POST', '/api/commitments', { startEvent: 'registered', stopEvent: 'resolved', targetUnit: 'minutes', calendarId: aroundId, responsible: { kind: 'owner' }, ...o });
  if (res.statusCode !== 201) throw new Error(`commitment: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; name: string; currentVersion: number };
}
async function register(org: Org, client = org.agent) {
  const res = await client.request('POST', '/api/tickets', { channel: 'phone', subject: '燃气表漏气', categoryId: org.category.id, newCustomer: { name: '王女士', phones: ['13800000000'] } });
  if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}
async function act(client: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const res = await client.request('POST', `/api/tickets/${id}/${action}`, body);
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
}

interface ClockJson {
  id: number; commitmentId: number; commitmentName: string; level: number; version: number; state: string; warned: boolean; startedAt: string;
  warnAt: string | null; dueAt: string | null; breachedAt: string | null; stoppedAt: string | null; pausedAt: string | null; elapsedMinutes: number;
  targetMinutes: number; lateMinutes: number | null; responsibleDepartmentName: string | null; responsibleStaffName: string | null; parentClockId: number | null;
  attributions: Record<string, unknown>[];
}
async function clocksOf(client: Client, id: number): Promise<Record<string, ClockJson>> {
  const res = await client.request('GET', `/api/tickets/${id}/clocks`);
  if (res.statusCode !== 200) throw new Error(`clocks: ${res.statusCode} ${res.body}`);
  return Object.fromEntries((res.json().items as ClockJson[]).map((c) => [c.commitmentName, c]));
}
const at = (ms: number) => new Date(ms).toISOString();
async function nextFireOf(clockId: number) {
  return (await t.db.selectFrom('clocks').select('next_fire_at').where('id', '=', clockId).executeTakeFirstOrThrow()).next_fire_at?.getTime() ?? null;
}

/** A LISTEN client on the scheduler's channel. */
async function listenForClockChanges(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const payloads: string[] = [];
  client.on('notification', (m) => payloads.push(m.payload ?? ''));
  await client.query('listen centric_clock_changes');
  return { payloads, close: () => client.end() };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  const calendars = (await admin.request('GET', '/api/calendars')).json().items as { id: number; builtin: string | null }[];
  aroundId = calendars.find((c) => c.builtin === '24x7')!.id;
  chinaId = calendars.find((c) => c.builtin === 'china_mainland')!.id;
});
afterEach(() => {
  t.clock.nowMs = Date.now();
});
afterAll(() => t.close());

describe('clocks through a ticket’s life (24x7)', () => {
  it('runs the level-1 clock and its stages from registration to close, pausing while waiting on the customer', async () => {
    const org = await buildOrg();
    const scope = { appliesTo: { categoryIds: [org.category.id] } };
    const promise = await commit(admin, { ...scope, name: 'Gas repair resolved within 4 h', targetValue: 240 });
    await commit(admin, { ...scope, parentId: promise.id, name: 'Handed over within 30 min', stopEvent: 'handed_over', targetValue: 30 });
    await commit(admin, { ...scope, parentId: promise.id, name: 'Accepted within 30 min', startEvent: 'handed_over', stopEvent: 'accepted', targetValue: 30, responsible: { kind: 'handler' } });
    await commit(admin, { ...scope, parentId: promise.id, name: 'Handler calls within 1 h', startEvent: 'accepted', stopEvent: 'contact_logged', targetValue: 60, responsible: { kind: 'handler' } });
    await commit(admin, { ...scope, name: 'Callback within a day', startEvent: 'resolved', stopEvent: 'called_back', targetValue: 1, targetUnit: 'working_days' });
    const t0 = t.clock.nowMs;
    const step = async (minutes: number, who: Client | null, action?: string, body?: Record<string, unknown>) => {
      t.clock.nowMs = t0 + minutes * MIN;
      if (who && action) await act(who, id, action, body);
      await t.jobs.clockEngine.catchUp();
      return clocksOf(org.agent, id);
    };

    const id = await register(org);
    let c = await step(0, null);
    expect(Object.keys(c).sort()).toEqual(['Gas repair resolved within 4 h', 'Handed over within 30 min']);
    const level1 = c['Gas repair resolved within 4 h']!;
    expect(level1).toMatchObject({
      level: 1, version: 1, state: 'running', warned: false, startedAt: at(t0), warnAt: at(t0 + 192 * MIN), dueAt: at(t0 + 240 * MIN), stoppedAt: null,
      elapsedMinutes: 0, targetMinutes: 240, lateMinutes: null, parentClockId: null, responsibleStaffName: org.agentName, responsibleDepartmentName: org.service.name,
    });
    expect(c['Handed over within 30 min']).toMatchObject({ level: 2, parentClockId: level1.id, dueAt: at(t0 + 30 * MIN), state: 'running' });
    expect(await nextFireOf(level1.id)).toBe(t0 + 192 * MIN);

    c = await step(10, org.agent, 'hand-over', { departmentId: org.repair.id, handlerId: org.handler.userId });
    expect(c['Handed over within 30 min']).toMatchObject({ state: 'met', elapsedMinutes: 10, stoppedAt: at(t0 + 10 * MIN) });
    // Until the handler accepts, "the handler" is whoever it was handed to.
    expect(c['Accepted within 30 min']).toMatchObject({ state: 'running', startedAt: at(t0 + 10 * MIN), parentClockId: level1.id, responsibleStaffName: org.handlerName, responsibleDepartmentName: org.repair.name });

    c = await step(15, org.handler, 'accept');
    expect(c['Accepted within 30 min']).toMatchObject({ state: 'met', elapsedMinutes: 5 });
    expect(c['Handler calls within 1 h']).toMatchObject({ state: 'running', dueAt: at(t0 + 75 * MIN) });

    c = await step(25, org.handler, 'wait', { reason: '等客户回家开门' });
    expect(c['Gas repair resolved within 4 h']).toMatchObject({ state: 'paused', pausedAt: at(t0 + 25 * MIN), elapsedMinutes: 25, dueAt: null, warnAt: null });
    expect(c['Handler calls within 1 h']).toMatchObject({ state: 'paused', elapsedMinutes: 10 });
    expect(await nextFireOf(level1.id)).toBeNull();
    // Time spent waiting is not counted.
    t.clock.nowMs = t0 + 80 * MIN;
    expect((await clocksOf(org.agent, id))['Gas repair resolved within 4 h']!.elapsedMinutes).toBe(25);

    c = await step(85, org.handler, 'resume');
    expect(c['Gas repair resolved within 4 h']).toMatchObject({ state: 'running', pausedAt: null, dueAt: at(t0 + 300 * MIN), warnAt: at(t0 + 252 * MIN) });
    expect(c['Handler calls within 1 h']).toMatchObject({ state: 'running', dueAt: at(t0 + 135 * MIN) });
    expect(await nextFireOf(level1.id)).toBe(t0 + 252 * MIN);

    c = await step(95, org.handler, 'contact', { channel: 'phone', summary: '已上门检查' });
    expect(c['Handler calls within 1 h']).toMatchObject({ state: 'met', elapsedMinutes: 20 });

    c = await step(125, org.handler, 'resolve', { result: '更换燃气表接头' });
    expect(c['Gas repair resolved within 4 h']).toMatchObject({ state: 'met', elapsedMinutes: 65, lateMinutes: null, stoppedAt: at(t0 + 125 * MIN) });
    expect(await nextFireOf(level1.id)).toBeNull();
    expect(c['Callback within a day']).toMatchObject({ level: 1, state: 'running', targetMinutes: 1440, dueAt: at(t0 + (125 + 1440) * MIN), responsibleStaffName: org.agentName });
    t.clock.nowMs = t0 + 130 * MIN;
    expect((await clocksOf(org.agent, id))['Callback within a day']!.elapsedMinutes).toBe(5);

    c = await step(225, org.agent, 'callback', { satisfaction: 5, channel: 'phone' });
    expect(c['Callback within a day']).toMatchObject({ state: 'met', elapsedMinutes: 100 });
    c = await step(226, org.agent, 'close');
    expect(Object.values(c).map((x) => x.state)).toEqual(['met', 'met', 'met', 'met', 'met']);
    // Clocks are shown to whoever may see the ticket, and to nobody else.
    expect((await org.outsider.request('GET', `/api/tickets/${id}/clocks`)).statusCode).toBe(404);
    expect((await org.handler.request('GET', `/api/tickets/${id}/clocks`)).statusCode).toBe(200);
    expect((await org.agent.request('GET', '/api/tickets/99999999/clocks')).statusCode).toBe(404);
  });

  it('keeps what the scheduler wrote, and records how late a breached clock was met', async () => {
    const org = await buildOrg();
    const promise = await commit(admin, { appliesTo: { categoryIds: [org.category.id] }, name: 'Answered within 1 h', targetValue: 60, escalateAfterMinutes: [30] });
    const t0 = t.clock.nowMs;
    const id = await register(org);
    await t.jobs.clockEngine.catchUp();
    const clockId = (await clocksOf(org.agent, id))['Answered within 1 h']!.id;
    // Past due and nobody resolved it: the scheduler warned, breached and went one step up.
    t.clock.nowMs = t0 + 100 * MIN;
    expect((await clocksOf(org.agent, id))['Answered within 1 h']).toMatchObject({ state: 'running', elapsedMinutes: 100, dueAt: at(t0 + 60 * MIN) });
    await t.db.updateTable('clocks').set({ warned: true, breached_at: new Date(t0 + 60 * MIN), state: 'breached', escalation_step: 1 }).where('id', '=', clockId).execute();
    await act(org.agent, id, 'note', { text: '催办' });
    await t.jobs.clockEngine.catchUp();
    const row = await t.db.selectFrom('clocks').select(['state', 'warned', 'escalation_step', 'breached_at', 'next_fire_at']).where('id', '=', clockId).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'breached', warned: true, escalation_step: 1, breached_at: new Date(t0 + 60 * MIN), next_fire_at: null });

    t.clock.nowMs = t0 + 130 * MIN;
    await act(org.agent, id, 'resolve', { result: '已处理' });
    await t.jobs.clockEngine.catchUp();
    const late = (await clocksOf(org.agent, id))['Answered within 1 h']!;
    expect(late).toMatchObject({ state: 'breached', warned: true, breachedAt: at(t0 + 60 * MIN), stoppedAt: at(t0 + 130 * MIN), elapsedMinutes: 130, lateMinutes: 70 });

    // Attribution rows (written by the scheduler when a level-1 clock breaches) come with the clock.
    await t.db.insertInto('clock_attributions').values({ clock_id: clockId, kind: 'parent_slack', department_id: org.service.id, staff_id: org.agent.userId, budget_minutes: 60, used_minutes: 130, overrun_minutes: 70 }).execute();
    expect((await clocksOf(org.agent, id))['Answered within 1 h']!.attributions).toEqual([
      { kind: 'parent_slack', stageClockId: null, stageCommitmentId: null, stageName: null, budgetMinutes: 60, usedMinutes: 130, overrunMinutes: 70, departmentId: org.service.id, departmentName: org.service.name, staffId: org.agent.userId, staffName: org.agentName },
    ]);
    expect(promise.currentVersion).toBe(1);
  });

  it('projects in the background, without being asked, and tells the scheduler the earliest firing', async () => {
    const org = await buildOrg();
    await commit(admin, { appliesTo: { categoryIds: [org.category.id] }, name: 'Seen within 10 min', stopEvent: 'contact_logged', targetValue: 10 });
    const listener = await listenForClockChanges(t.url);
    // The test app's jobs never run by themselves: this test starts an engine of its own, as `centric start` does.
    const engine = createClockEngine({ db: t.db, now: () => t.clock.nowMs });
    engine.start({ url: t.url });
    try {
      const t0 = t.clock.nowMs;
      const id = await register(org);
      const deadline = Date.now() + 10_000;
      while (Object.keys(await clocksOf(org.agent, id)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect((await clocksOf(org.agent, id))['Seen within 10 min']).toMatchObject({ state: 'running', warnAt: at(t0 + 8 * MIN) });
      await expect.poll(() => listener.payloads).toContain(String(t0 + 8 * MIN));
    } finally {
      await engine.stop();
      await listener.close();
    }
  });
});

describe('clocks on the China mainland calendar', () => {
  it('skip the National Day holidays, pause while waiting, and run on the make-up Saturday (调休)', async () => {
    const org = await buildOrg();
    // Tuesday 30 September 2025, 16:00 in Shanghai; 1 October–8 October are holidays, Saturday 11 October a working day.
    t.clock.nowMs = Date.parse('2025-09-30T16:00:00+08:00');
    await commit(admin, { appliesTo: { categoryIds: [org.category.id] }, name: '账单问题一个工作日内答复', targetValue: 1, targetUnit: 'working_days', calendarId: chinaId });
    const id = await register(org);
    await t.jobs.clockEngine.catchUp();
    // 16:00–18:00 on the 30th is 2 h; the other 6 h come on Thursday 9 October: 09:00–12:00 and 13:00–16:00.
    expect((await clocksOf(org.agent, id))['账单问题一个工作日内答复']).toMatchObject({
      state: 'running', targetMinutes: 480, dueAt: at(Date.parse('2025-10-09T16:00:00+08:00')), warnAt: at(Date.parse('2025-10-09T14:24:00+08:00')),
    });
    t.clock.nowMs = Date.parse('2025-10-05T12:00:00+08:00');
    expect((await clocksOf(org.agent, id))['账单问题一个工作日内答复']!.elapsedMinutes).toBe(120);

    t.clock.nowMs = Date.parse('2025-10-09T10:00:00+08:00');
    await act(org.agent, id, 'wait', { reason: '等客户提供账单' });
    await t.jobs.clockEngine.catchUp();
    expect((await clocksOf(org.agent, id))['账单问题一个工作日内答复']).toMatchObject({ state: 'paused', elapsedMinutes: 180 });

    // Resumed Friday 17:00 with 300 min left: 1 h on Friday, then the make-up Saturday 09:00–12:00 and 13:00–14:00.
    t.clock.nowMs = Date.parse('2025-10-10T17:00:00+08:00');
    await act(org.agent, id, 'resume');
    await t.jobs.clockEngine.catchUp();
    expect((await clocksOf(org.agent, id))['账单问题一个工作日内答复']).toMatchObject({ state: 'running', dueAt: at(Date.parse('2025-10-11T14:00:00+08:00')) });
  });
});

describe('versions and calendar changes', () => {
  it('keeps a running clock on the version it started with; a ticket registered after the edit gets the new one', async () => {
    const org = await buildOrg();
    const c = await commit(admin, { appliesTo: { categoryIds: [org.category.id] }, name: 'First answer', stopEvent: 'contact_logged', targetValue: 120 });
    const t0 = t.clock.nowMs;
    const first = await register(org);
    await t.jobs.clockEngine.catchUp();
    t.clock.nowMs = t0 + 10 * MIN;
    expect((await admin.request('PATCH', `/api/commitments/${c.id}`, { targetValue: 60 })).json().currentVersion).toBe(2);
    t.clock.nowMs = t0 + 11 * MIN;
    const second = await register(org);
    t.clock.nowMs = t0 + 15 * MIN;
    await act(org.agent, first, 'note', { text: '客户又来电' });
    await t.jobs.clockEngine.catchUp();
    expect((await clocksOf(org.agent, first))['First answer']).toMatchObject({ version: 1, targetMinutes: 120, dueAt: at(t0 + 120 * MIN) });
    expect((await clocksOf(org.agent, second))['First answer']).toMatchObject({ version: 2, targetMinutes: 60, dueAt: at(t0 + 71 * MIN) });
  });

  it('recomputes the due times of the clocks running on a changed calendar, leaving stopped ones alone', async () => {
    const org = await buildOrg();
    const office = [{ start: '09:00', end: '17:00' }];
    const cal = (await admin.request('POST', '/api/calendars', {
      name: `Shanghai office ${unique()}`,
      definition: { timeZone: 'Asia/Shanghai', kind: 'business', weeklyHours: [[], office, office, office, office, office, []], holidays: [], extraWorkingDays: [] },
    })).json();
    t.clock.nowMs = Date.parse('2026-03-02T09:00:00+08:00'); // a Monday
    await commit(admin, { appliesTo: { categoryIds: [org.category.id] }, name: 'Resolved in 2 working days', targetValue: 2, targetUnit: 'working_days', calendarId: cal.id });
    const running = await register(org);
    const done = await register(org);
    t.clock.nowMs += 30 * MIN;
    await act(org.agent, done, 'resolve', { result: '当场解决' });
    await t.jobs.clockEngine.catchUp();
    expect((await clocksOf(org.agent, running))['Resolved in 2 working days']).toMatchObject({ targetMinutes: 960, dueAt: at(Date.parse('2026-03-03T17:00:00+08:00')) });
    const stoppedBefore = await t.db.selectFrom('clocks').selectAll().where('ticket_id', '=', done).executeTakeFirstOrThrow();

    const listener = await listenForClockChanges(t.url);
    try {
      const res = await admin.request('PATCH', `/api/calendars/${cal.id}`, { definition: { ...cal.definition, holidays: [{ date: '2026-03-03', name: 'Company day' }] } });
      expect(res.json().version).toBe(2);
      const moved = (await clocksOf(org.agent, running))['Resolved in 2 working days']!;
      expect(moved).toMatchObject({ dueAt: at(Date.parse('2026-03-04T17:00:00+08:00')), warnAt: at(Date.parse('2026-03-04T13:48:00+08:00')) });
      const row = await t.db.selectFrom('clocks').select(['calendar_version', 'next_fire_at']).where('id', '=', moved.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ calendar_version: 2, next_fire_at: new Date('2026-03-04T13:48:00+08:00') });
      await expect.poll(() => listener.payloads).toContain(String(Date.parse('2026-03-04T13:48:00+08:00')));
    } finally {
      await listener.close();
    }
    expect(await t.db.selectFrom('clocks').selectAll().where('ticket_id', '=', done).executeTakeFirstOrThrow()).toEqual(stoppedBefore);
  });
});

describe('customer segments', () => {
  it('starts a clock only for tickets whose customer is in one of the commitment\'s segments', async () => {
    const org = await buildOrg();
    const res = await admin.request('POST', '/api/commitments', {
      name: `Key accounts answered in 30 min ${unique()}`, appliesTo: { categoryIds: [org.category.id], customerSegments: [' Key_Account ', 'vip'] },
      startEvent: 'registered', stopEvent: 'resolved', targetValue: 30, targetUnit: 'minutes', calendarId: aroundId, responsible: { kind: 'owner' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().appliesTo).toEqual({ categoryIds: [org.category.id], customerSegments: ['key_account', 'vip'] });
    const bad = await admin.request('POST', '/api/commitments', {
      name: 'Bad segment', appliesTo: { customerSegments: ['Key Account!'] }, startEvent: 'registered', stopEvent: 'resolved', targetValue: 30, targetUnit: 'minutes', calendarId: aroundId, responsible: { kind: 'owner' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('appliesTo.customerSegments.0');

    const withSegment = async (segment: string | null) => {
      const customer = await t.db.insertInto('customers').values({ kind: 'organisation', name: `燃气公司 ${unique()}`, segment }).returning('id').executeTakeFirstOrThrow();
      const r = await org.agent.request('POST', '/api/tickets', { channel: 'phone', subject: '燃气表漏气', categoryId: org.category.id, customerId: customer.id });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    const keyAccount = await withSegment('key_account');
    const retail = await withSegment('retail');
    const none = await withSegment(null);
    await t.jobs.clockEngine.catchUp();
    expect(Object.keys(await clocksOf(org.agent, keyAccount))).toEqual([res.json().name]);
    expect(await clocksOf(org.agent, retail)).toEqual({});
    expect(await clocksOf(org.agent, none)).toEqual({});
  });
});

describe('working-day targets follow the calendar', () => {
  it('recomputes the minutes of a working-day target and its running clocks when the hours change, refusing hours the tree no longer fits', async () => {
    const org = await buildOrg();
    const week = (hours: { start: string; end: string }[]) => ({ timeZone: 'Asia/Shanghai', kind: 'business', weeklyHours: [[], hours, hours, hours, hours, hours, []], holidays: [], extraWorkingDays: [] });
    const cal = (await admin.request('POST', '/api/calendars', { name: `Branch office ${unique()}`, definition: week([{ start: '09:00', end: '17:00' }]) })).json();
    t.clock.nowMs = Date.parse('2026-03-02T09:00:00+08:00'); // a Monday
    const promise = await commit(admin, { appliesTo: { categoryIds: [org.category.id] }, name: 'Answered in 1 working day', targetValue: 1, targetUnit: 'working_days', calendarId: cal.id });
    await commit(admin, { parentId: promise.id, name: 'Handed over in 6 h', stopEvent: 'handed_over', targetValue: 6, targetUnit: 'hours', calendarId: cal.id });
    const ticketId = await register(org);
    await t.jobs.clockEngine.catchUp();
    expect((await clocksOf(org.agent, ticketId))['Answered in 1 working day']).toMatchObject({ targetMinutes: 480, dueAt: at(Date.parse('2026-03-02T17:00:00+08:00')) });

    // A four-hour day: the 6-hour stage no longer fits its 1-day parent. Refused, and nothing moves.
    const short = await admin.request('PATCH', `/api/calendars/${cal.id}`, { definition: week([{ start: '09:00', end: '13:00' }]) });
    expect(short.statusCode, short.body).toBe(400);
    expect(short.json().error).toMatchObject({ field: 'definition.weeklyHours.1', code: 'commitment_fit' });
    expect((await admin.request('GET', `/api/calendars/${cal.id}`)).json().version).toBe(1);
    expect((await clocksOf(org.agent, ticketId))['Answered in 1 working day']).toMatchObject({ targetMinutes: 480, dueAt: at(Date.parse('2026-03-02T17:00:00+08:00')) });

    // A ten-hour day: the target becomes 600 minutes, and the running clock is due at 09:00 on Tuesday.
    const long = await admin.request('PATCH', `/api/calendars/${cal.id}`, { definition: week([{ start: '08:00', end: '18:00' }]) });
    expect(long.statusCode, long.body).toBe(200);
    expect((await clocksOf(org.agent, ticketId))['Answered in 1 working day']).toMatchObject({ targetMinutes: 600, dueAt: at(Date.parse('2026-03-03T09:00:00+08:00')) });
    const version = (await admin.request('GET', `/api/commitments/${promise.id}`)).json();
    expect(version.targetMinutes).toBe(600);
    const audit = await t.db.selectFrom('audit_log').select('after').where('entity', '=', 'calendar').where('entity_id', '=', String(cal.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((audit.after as { workingDayTargets: unknown }).workingDayTargets).toEqual([{ commitmentId: promise.id, version: 1, before: 480, after: 600 }]);
  });
});

describe('the engine across transactions and instances', () => {
  let tdb: TestDatabase;
  const apps: { app: AppInstance; jobs: BackgroundJobs }[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    for (const { app, jobs } of apps) {
      await jobs.stop();
      await app.close();
    }
    await tdb.close();
  });

  /** An instance: the app and its jobs, running in the background or (false) only when the test drives them. */
  async function startApp(background: boolean) {
    const app = await buildApp({ db: tdb.db, databaseUrl: tdb.url, config: loadConfig({}) });
    await app.ready();
    const deps = { db: tdb.db, databaseUrl: tdb.url };
    const jobs = background ? startBackgroundJobs(deps) : createBackgroundJobs(deps);
    apps.push({ app, jobs });
    return { app, clockEngine: jobs.clockEngine };
  }

  it('does not lose an event committed after a later one (ids are handed out before commit)', async () => {
    const { app, clockEngine } = await startApp(false);
    const boss = await buildStaff(tdb.db, { roles: ['admin'] });
    const bossClient = await signIn(app, boss.email);
    const org = await buildOrg(app, tdb.db);
    const around = (await tdb.db.selectFrom('calendars').select('id').where('builtin', '=', '24x7').executeTakeFirstOrThrow()).id;
    await bossClient.request('POST', '/api/commitments', { name: 'Contact within 1 h', startEvent: 'registered', stopEvent: 'contact_logged', targetValue: 60, targetUnit: 'minutes', calendarId: around, responsible: { kind: 'owner' } });
    const a = await register(org);
    const b = await register(org);
    await clockEngine.catchUp();
    const stateOf = async (ticketId: number) => (await tdb.db.selectFrom('clocks').select('state').where('ticket_id', '=', ticketId).executeTakeFirstOrThrow()).state;
    expect([await stateOf(a), await stateOf(b)]).toEqual(['running', 'running']);

    // Transaction A takes the smaller event id and stays open while B's later event commits.
    const slow = new pg.Client({ connectionString: tdb.url });
    await slow.connect();
    try {
      await slow.query('begin');
      const { rows } = await slow.query<{ id: string }>(
        `insert into ticket_events (ticket_id, type, action, actor_kind, actor_id, at, payload, visible_to_customer)
         values ($1, 'contact_logged', 'contact', 'staff', $2, now(), '{}', false) returning id`,
        [a, org.agent.userId],
      );
      await act(org.agent, b, 'contact', { channel: 'phone', summary: '已联系' });
      const bEvent = await tdb.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', b).where('type', '=', 'contact_logged').executeTakeFirstOrThrow();
      expect(Number(rows[0]!.id)).toBeLessThan(bEvent.id);

      // While A is open nothing at or after it is taken: B waits too, rather than A being skipped later.
      expect(await clockEngine.runPass()).toBe('done');
      expect(await stateOf(b)).toBe('running');
      await slow.query('commit');
    } finally {
      await slow.end();
    }
    await clockEngine.catchUp();
    expect([await stateOf(a), await stateOf(b)]).toEqual(['met', 'met']);
    const { rows: cursor } = await sql<{ ahead: boolean }>`select watermark > (select max(tx) from ticket_events) as ahead from clock_engine_cursor`.execute(tdb.db);
    expect(cursor[0]!.ahead).toBe(true);
  });

  it('shares the work between two instances on one database: each ticket is projected once, each clock written once', async () => {
    const first = await startApp(true);
    const second = await startApp(true);
    const boss = await buildStaff(tdb.db, { roles: ['admin'] });
    const bossClient = await signIn(first.app, boss.email);
    const org = await buildOrg(first.app, tdb.db);
    const orgOnSecond = { ...org, agent: await signIn(second.app, (await tdb.db.selectFrom('staff').select('email').where('id', '=', org.agent.userId).executeTakeFirstOrThrow()).email) };
    const around = (await tdb.db.selectFrom('calendars').select('id').where('builtin', '=', '24x7').executeTakeFirstOrThrow()).id;
    const c = (await bossClient.request('POST', '/api/commitments', {
      name: 'Resolved within 8 h', startEvent: 'registered', stopEvent: 'resolved', targetValue: 8, targetUnit: 'hours', calendarId: around, responsible: { kind: 'owner' }, appliesTo: { categoryIds: [org.category.id] },
    })).json();
    await Promise.all([first.clockEngine.catchUp(), second.clockEngine.catchUp()]);
    const before = first.clockEngine.stats.ticketsProjected + second.clockEngine.stats.ticketsProjected;

    const ids: number[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await register(org, i % 2 === 0 ? org.agent : orgOnSecond.agent));
    await Promise.all([first.clockEngine.catchUp(), second.clockEngine.catchUp()]);

    const clocks = await tdb.db.selectFrom('clocks').select(['ticket_id', 'version']).where('commitment_id', '=', c.id).execute();
    expect(clocks.map((r) => r.ticket_id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    expect(clocks.every((r) => r.version === 1)).toBe(true);
    expect(first.clockEngine.stats.ticketsProjected + second.clockEngine.stats.ticketsProjected - before).toBe(30);
    expect(first.clockEngine.stats.errors + second.clockEngine.stats.errors).toBe(0);
  });
});
