import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockState } from '../../src/db/schema.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signIn, type Client, type TestApp } from '../helpers/test-app.ts';

// The queues the service commitments need: `sort=due` (due soonest, with keyset pages) and the
// `overdue` view. Clocks are written straight into the table, as the clock engine and the
// scheduler would leave them, after the engine has caught up with the tickets' timelines.
let t: TestApp;
let calendarId: number;
let commitmentIds: number[];
const HOUR_MS = 60 * 60 * 1000;
const BASE_MS = Date.UTC(2031, 4, 12, 2, 0, 0);

beforeAll(async () => {
  t = await createTestApp();
  calendarId = (await t.db.selectFrom('calendars').select('id').where('builtin', '=', 'china_mainland').executeTakeFirstOrThrow()).id;
  // Inactive: the engine never derives clocks from them, so the rows below stay as written.
  commitmentIds = [];
  for (const name of ['Answered within 1 working day', 'Handed over within 2 h', 'Resolved within 3 days']) {
    const { id } = await t.db.insertInto('commitments').values({ active: false }).returning('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('commitment_versions')
      .values({
        commitment_id: id, version: 1, name: `${name} ${randomBytes(3).toString('hex')}`, level: 1, applies_to: JSON.stringify({}), start_event: 'registered', stop_event: 'resolved', pause_on_wait: true,
        target_value: 8, target_unit: 'hours', target_minutes: 480, calendar_id: calendarId, responsible: JSON.stringify({ kind: 'owner' }),
      })
      .execute();
    commitmentIds.push(id);
  }
});
afterAll(() => t.close());

interface ClockSeed {
  state: ClockState;
  /** Offset from BASE_MS in ms, or an exact timestamptz literal (microseconds), or null. */
  due: number | string | null;
  stopped?: boolean;
  /** The scheduler fired the breach (breached_at set) even though the clock now shows paused. */
  breached?: boolean;
}

/** Writes a ticket's clocks, one per commitment; the engine has already seen the ticket's events. */
async function addClocks(ticketId: number, seeds: ClockSeed[]) {
  await t.jobs.clockEngine.catchUp();
  for (const [i, s] of seeds.entries()) {
    const due = s.due === null ? null : typeof s.due === 'string' ? s.due : new Date(BASE_MS + s.due).toISOString();
    await t.db
      .insertInto('clocks')
      .values({
        ticket_id: ticketId, commitment_id: commitmentIds[i]!, commitment_version: 1, state: s.state, started_at: new Date(BASE_MS - 8 * HOUR_MS),
        running_since: s.state === 'running' ? new Date(BASE_MS - 8 * HOUR_MS) : null, paused_at: s.state === 'paused' ? new Date(BASE_MS - HOUR_MS) : null,
        due_at: due, breached_at: s.state === 'breached' || s.breached ? due : null, stopped_at: s.stopped ? new Date(BASE_MS) : null,
        calendar_id: calendarId, calendar_version: 1, next_fire_at: null,
      })
      .execute();
  }
}

async function register(client: Client, body: Record<string, unknown> = {}): Promise<number> {
  const res = await client.request('POST', '/api/tickets', { channel: 'phone', subject: `queue test ${randomBytes(3).toString('hex')}`, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

async function act(client: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const res = await client.request('POST', `/api/tickets/${id}/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
}

type Item = { id: number; dueAt: string | null; overdue: boolean };

async function list(client: Client, query: string): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await client.request('GET', `/api/tickets?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Walks every page of a queue, checking each page's size, and returns the ids in order. */
async function walk(client: Client, query: string, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await list(client, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
    expect(page.items.length).toBe(limit);
  }
  throw new Error('more than 100 pages');
}

describe('sort=due: due soonest first', () => {
  let agent: Client;
  let other: Client;
  let admin: Client;
  const tk: Record<string, number> = {};
  let expected: number[];

  beforeAll(async () => {
    const dept = await buildDepartment(t.db);
    agent = await signIn(t.app, (await buildStaff(t.db, { departmentId: dept.id })).email);
    other = await signIn(t.app, (await buildStaff(t.db, { departmentId: (await buildDepartment(t.db)).id })).email);
    admin = await signIn(t.app, (await buildStaff(t.db, { roles: ['admin'] })).email);
    for (const name of ['none1', 'twoClocks', 'tieA', 'breachedOnly', 'metOnly', 'pausedNoDue', 'tieB', 'none2', 'microLater']) {
      tk[name] = await register(agent, { priority: name === 'tieB' ? 'urgent' : 'normal' });
    }
    tk.othersSoonest = await register(other);
    await addClocks(tk.twoClocks!, [{ state: 'running', due: 3 * HOUR_MS }, { state: 'paused', due: HOUR_MS }, { state: 'met', due: 10 * 60_000, stopped: true }]);
    // The same due time to the microsecond: the ticket id breaks the tie. One microsecond later comes after both.
    await addClocks(tk.tieA!, [{ state: 'running', due: '2031-05-12 04:00:00.000001+00' }]);
    await addClocks(tk.tieB!, [{ state: 'running', due: '2031-05-12 04:00:00.000001+00' }, { state: 'running', due: 5 * HOUR_MS }]);
    await addClocks(tk.microLater!, [{ state: 'running', due: '2031-05-12 04:00:00.000002+00' }]);
    // Breached and still open: past due, so first. Not counting towards a due time: met, or paused without one.
    await addClocks(tk.breachedOnly!, [{ state: 'breached', due: -HOUR_MS }]);
    await addClocks(tk.metOnly!, [{ state: 'met', due: 30 * 60_000, stopped: true }]);
    await addClocks(tk.pausedNoDue!, [{ state: 'paused', due: null }]);
    await addClocks(tk.othersSoonest!, [{ state: 'running', due: 60_000 }]);
    const [tieFirst, tieSecond] = [tk.tieA!, tk.tieB!].sort((a, b) => a - b);
    expected = [tk.breachedOnly!, tk.twoClocks!, tieFirst!, tieSecond!, tk.microLater!, tk.none1!, tk.metOnly!, tk.pausedNoDue!, tk.none2!];
  });

  it('orders by the earliest due time of open clocks (overdue first), ties by ticket, clockless tickets last and oldest first', async () => {
    const page = await list(agent, 'view=owned&sort=due');
    expect(page.items.map((i) => i.id)).toEqual(expected);
    expect(page.nextCursor).toBeNull();
    const byId = new Map(page.items.map((i) => [i.id, i]));
    expect(byId.get(tk.twoClocks!)).toMatchObject({ dueAt: new Date(BASE_MS + HOUR_MS).toISOString(), overdue: false });
    expect(byId.get(tk.breachedOnly!)).toMatchObject({ dueAt: new Date(BASE_MS - HOUR_MS).toISOString(), overdue: true });
    expect(byId.get(tk.metOnly!)).toMatchObject({ dueAt: null, overdue: false });
    expect(byId.get(tk.none1!)).toMatchObject({ dueAt: null, overdue: false });
    // Another person's sooner ticket is not in my queue, but is first in the admin's.
    const all = await list(admin, 'view=all&sort=due&limit=500');
    const allIds = all.items.map((i) => i.id);
    expect(allIds.indexOf(tk.othersSoonest!)).toBeLessThan(allIds.indexOf(tk.twoClocks!));
    expect(allIds.indexOf(tk.breachedOnly!)).toBeLessThan(allIds.indexOf(tk.othersSoonest!));
  });

  it('walks the same order a page at a time for every page size, across the clocked and clockless stretches', async () => {
    for (let limit = 1; limit <= expected.length + 1; limit += 1) {
      expect(await walk(agent, 'view=owned&sort=due', limit), `limit ${limit}`).toEqual(expected);
    }
  });

  it('keeps the filters in both stretches', async () => {
    expect((await list(agent, 'view=owned&sort=due&priority=urgent')).items.map((i) => i.id)).toEqual([tk.tieB]);
    expect(await walk(agent, 'view=owned&sort=due&priority=normal', 2)).toEqual(expected.filter((id) => id !== tk.tieB));
  });

  it('gives newest and oldest pages the due time and the overdue mark too', async () => {
    const newest = await list(agent, 'view=owned&sort=newest');
    expect(newest.items.map((i) => i.id)).toEqual([...expected].sort((a, b) => b - a));
    expect(newest.items.find((i) => i.id === tk.tieB)!.dueAt).toBe('2031-05-12T04:00:00.000Z');
    expect(newest.items.find((i) => i.id === tk.breachedOnly)!.overdue).toBe(true);
    expect(await walk(agent, 'view=owned&sort=oldest', 4)).toEqual([...expected].sort((a, b) => a - b));
  });

  it('refuses a bad sort or cursor with 400 naming the field, and writes nothing', async () => {
    const bad: [string, string][] = [
      ['view=owned&sort=soonest', 'sort'],
      ['view=owned&sort=due&cursor=not-a-cursor', 'cursor'],
      // A newest-first cursor is not a due cursor, and the other way round.
      [`view=owned&sort=due&cursor=${Buffer.from(JSON.stringify([5])).toString('base64url')}`, 'cursor'],
      [`view=owned&sort=newest&cursor=${Buffer.from(JSON.stringify([null, 5])).toString('base64url')}`, 'cursor'],
      [`view=owned&sort=due&cursor=${Buffer.from(JSON.stringify(['soon', 5])).toString('base64url')}`, 'cursor'],
      [`view=owned&sort=due&cursor=${Buffer.from(JSON.stringify([1.5, 5])).toString('base64url')}`, 'cursor'],
      [`view=owned&sort=newest&cursor=${Buffer.from(JSON.stringify(['x'])).toString('base64url')}`, 'cursor'],
      [`view=owned&sort=newest&cursor=${Buffer.from(JSON.stringify([1e300])).toString('base64url')}`, 'cursor'],
      ['view=owned&status=lost', 'status'],
      ['view=owned&categoryId=100000000000000000000', 'categoryId'],
      ['view=owned&customerId=0', 'customerId'],
      ['view=owned&from=yesterday', 'from'],
    ];
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [query, field] of bad) {
      const res = await agent.request('GET', `/api/tickets?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.json().error.field, query).toMatch(new RegExp(`^${field}`));
      expect(res.json().error.message).toEqual(expect.any(String));
    }
    const after = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('the overdue view', () => {
  it('lists open tickets with a breached clock not yet stopped (running or paused), to whoever may see them: supervisors their subtree, admin and office all', async () => {
    const company = await buildDepartment(t.db, { name: 'Company' });
    const service = await buildDepartment(t.db, { parentId: company.id });
    const elsewhere = await buildDepartment(t.db);
    const bossStaff = await buildStaff(t.db, { roles: ['supervisor'], departmentId: company.id });
    const boss = await signIn(t.app, bossStaff.email);
    const owner = await signIn(t.app, (await buildStaff(t.db, { departmentId: service.id })).email);
    const colleague = await signIn(t.app, (await buildStaff(t.db, { departmentId: service.id })).email);
    const outsider = await signIn(t.app, (await buildStaff(t.db, { departmentId: elsewhere.id })).email);
    const admin = await signIn(t.app, (await buildStaff(t.db, { roles: ['admin'] })).email);
    const office = await signIn(t.app, (await buildStaff(t.db, { roles: ['office'] })).email);
    const everyone = { boss, owner, colleague, outsider, admin, office };
    const counts = async () =>
      Object.fromEntries(await Promise.all(Object.entries(everyone).map(async ([k, c]) => [k, (await c.request('GET', '/api/tickets/counts')).json().overdue as number] as const)));
    const countsBefore = await counts();

    const overdue = await register(owner);
    const overdueAmongOthers = await register(owner);
    const metLate = await register(owner);
    const runningPastDue = await register(owner);
    const closed = await register(owner);
    for (const [action, body] of [['resolve', { result: 'done' }], ['callback', { satisfaction: 4, channel: 'phone' }], ['close', {}]] as const) await act(owner, closed, action, body);
    const outsiders = await register(outsider);
    const breachedThenPaused = await register(owner);
    await addClocks(overdue, [{ state: 'breached', due: -2 * HOUR_MS }]);
    await addClocks(overdueAmongOthers, [{ state: 'met', due: -HOUR_MS, stopped: true }, { state: 'breached', due: -HOUR_MS }, { state: 'running', due: HOUR_MS }]);
    await addClocks(metLate, [{ state: 'breached', due: -HOUR_MS, stopped: true }]);
    // Past due but the scheduler has not declared the breach yet: not in the queue until it does.
    await addClocks(runningPastDue, [{ state: 'running', due: -HOUR_MS }]);
    await addClocks(closed, [{ state: 'breached', due: -HOUR_MS }]);
    await addClocks(outsiders, [{ state: 'breached', due: -3 * HOUR_MS }]);
    // Breached, then the owner waited on the customer: still overdue, the promise is still broken.
    await addClocks(breachedThenPaused, [{ state: 'paused', due: -30 * 60_000, breached: true }]);

    const ids = async (c: Client, extra = '') => (await list(c, `view=overdue${extra}`)).items.map((i) => i.id).filter((id) => [overdue, overdueAmongOthers, metLate, runningPastDue, closed, outsiders, breachedThenPaused].includes(id));
    const mine = [breachedThenPaused, overdueAmongOthers, overdue];
    expect(await ids(owner)).toEqual(mine);
    expect(await ids(colleague)).toEqual(mine); // the owner's department
    expect(await ids(boss)).toEqual(mine); // his subtree, not the other department
    expect(await ids(outsider)).toEqual([outsiders]);
    const everyones = [breachedThenPaused, outsiders, overdueAmongOthers, overdue]; // newest first
    expect(await ids(admin)).toEqual(everyones);
    expect(await ids(office)).toEqual(everyones);
    // The view takes the other filters and sorts: due soonest is the longest overdue first.
    expect(await ids(admin, '&sort=due')).toEqual([outsiders, overdue, overdueAmongOthers, breachedThenPaused]);
    expect((await list(owner, 'view=overdue')).items.every((i) => i.overdue)).toBe(true);

    const countsAfter = await counts();
    expect(Object.fromEntries(Object.entries(countsAfter).map(([k, n]) => [k, n - countsBefore[k]!]))).toEqual({ boss: 3, owner: 3, colleague: 3, outsider: 1, admin: 4, office: 4 });
  });
});
