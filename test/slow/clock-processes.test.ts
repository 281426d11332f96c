import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { findFreePort } from '../../src/db/embedded.ts';
import { buildApp, type AppInstance } from '../../src/http/app.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { signIn, type Client } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

// Exactly-once firing with real, separate Centric processes (`src/main.ts start`) on one PostgreSQL:
// two share the work, one is killed with SIGKILL while clocks are due, and a process started after
// every instance died fires what came due meanwhile. Clocks are due seconds from now: tickets are
// registered 55 s "in the past" against a 1-minute commitment that warns at 95 %.
const ROOT = path.resolve(import.meta.dirname, '../..');
const TARGET_MS = 60_000;
const WARN_MS = 57_000;
let tdb: TestDatabase;
let app: AppInstance;
let agent: Client;
let categoryId: number;
/** The registering app's clock runs this far behind the real one. */
let offsetMs = 0;
const children: ChildProcess[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  // This app only registers tickets (buildApp starts no job): the child processes do the work.
  app = await buildApp({ db: tdb.db, databaseUrl: tdb.url, config: loadConfig({}), now: () => Date.now() + offsetMs });
  await app.ready();
  const admin = await buildStaff(tdb.db, { roles: ['admin'] });
  const dept = await buildDepartment(tdb.db);
  agent = await signIn(app, (await buildStaff(tdb.db, { departmentId: dept.id })).email);
  categoryId = (await tdb.db.insertInto('categories').values({ name: '燃气报修', department_id: dept.id }).returning('id').executeTakeFirstOrThrow()).id;
  const around = (await tdb.db.selectFrom('calendars').select('id').where('builtin', '=', '24x7').executeTakeFirstOrThrow()).id;
  offsetMs = -TARGET_MS - 5_000;
  const res = await (await signIn(app, admin.email)).request('POST', '/api/commitments', {
    name: 'Answered within 1 minute', appliesTo: { categoryIds: [categoryId] }, startEvent: 'registered', stopEvent: 'resolved',
    targetValue: 1, targetUnit: 'minutes', warnShare: 0.95, calendarId: around, responsible: { kind: 'owner' },
  });
  expect(res.statusCode, res.body).toBe(201);
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await app?.close();
  await tdb?.close();
});

async function startCentric(name: string): Promise<ChildProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: tdb.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CENTRIC_ADMIN_PASSWORD: 'processes-secret-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} did not become healthy:\n${output}`);
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Registers `n` tickets whose warning falls `warnInMs` from now (the breach 3 s later). */
async function registerDue(n: number, warnInMs: number): Promise<number[]> {
  offsetMs = warnInMs - WARN_MS;
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const res = await agent.request('POST', '/api/tickets', { channel: 'phone', subject: `燃气表漏气 ${i}`, categoryId, newCustomer: { name: '王女士', phones: ['13800000000'] } });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id as number);
  }
  return ids;
}

async function firingEvents(ticketIds: number[]) {
  return tdb.db.selectFrom('ticket_events').select(['ticket_id', 'type', 'id']).where('ticket_id', 'in', ticketIds).where('type', 'in', ['clock_warned', 'clock_breached']).orderBy('id').execute();
}

/** Waits until every ticket has its warning and its breach, then checks each happened exactly once, warning first. */
async function expectFiredOnce(ticketIds: number[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let events = await firingEvents(ticketIds);
  while (events.length < ticketIds.length * 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    events = await firingEvents(ticketIds);
  }
  if (events.length < ticketIds.length * 2) {
    // Say what the database was doing, so a timeout on a busy machine can be told from a real stall.
    const activity = await sql<Record<string, unknown>>`select application_name, state, wait_event, xact_start, left(query, 80) as query from pg_stat_activity where datname = current_database()`.execute(tdb.db);
    const clocks = await tdb.db.selectFrom('clocks').select(['ticket_id', 'state', 'warned', 'next_fire_at']).where('ticket_id', 'in', ticketIds).execute();
    throw new Error(`only ${events.length} of ${ticketIds.length * 2} firings after ${timeoutMs} ms; clocks ${JSON.stringify(clocks.slice(0, 3))} of ${clocks.length}; activity ${JSON.stringify(activity.rows)}`);
  }
  // A little longer: a duplicate would arrive now, if at all.
  await new Promise((r) => setTimeout(r, 500));
  events = await firingEvents(ticketIds);
  const perTicket = new Map<number, string[]>();
  for (const e of events) perTicket.set(e.ticket_id, [...(perTicket.get(e.ticket_id) ?? []), e.type]);
  expect(ticketIds.map((id) => [id, perTicket.get(id) ?? []])).toEqual(ticketIds.map((id) => [id, ['clock_warned', 'clock_breached']]));
  const firings = await tdb.db
    .selectFrom('clock_firings as f')
    .innerJoin('clocks as c', 'c.id', 'f.clock_id')
    .select(['c.ticket_id', 'f.kind'])
    .where('c.ticket_id', 'in', ticketIds)
    .execute();
  expect(firings.length).toBe(ticketIds.length * 2);
  const notified = await tdb.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('ticket_id', 'in', ticketIds).where('kind', 'in', ['clock_warned', 'clock_breached']).executeTakeFirstOrThrow();
  expect(notified.n).toBe(ticketIds.length * 2);
}

describe('exactly-once firing across processes', () => {
  it('two processes share the firings, a survivor finishes after one is killed, and a restarted one fires what came due meanwhile', async () => {
    const [a, b] = await Promise.all([startCentric('first'), startCentric('second')]);

    // Both running: 25 warnings and 25 breaches, 2–5 s from now.
    await expectFiredOnce(await registerDue(25, 2_000));

    // Kill one while its clocks are due: the other fires every one of them, once.
    const second = await registerDue(25, 1_500);
    await kill(a);
    await expectFiredOnce(second);

    // No instance runs while these come due; the next one to start fires them on start-up.
    await kill(b);
    const third = await registerDue(15, -1_000);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await firingEvents(third)).toEqual([]);
    await startCentric('restarted');
    await expectFiredOnce(third);
  }, 120_000);
});
