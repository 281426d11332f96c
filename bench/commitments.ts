import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createKysely, createPool, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { startBackgroundJobs } from '../src/jobs/start-background-jobs.ts';
import { fireDueClocks } from '../src/services/commitments/fire-due-clocks.ts';
import { systemContext } from '../src/services/context.ts';
import { insertStaff } from '../src/services/org/staff.ts';
import { percentile } from './tickets.ts';

type Log = (line: string) => void;

/** BENCH_CLOCKS overrides the million, for a quick trial run of the bench itself. */
const CLOCKS = Number(process.env.BENCH_CLOCKS ?? 1_000_000);
const DUE_SHARE = 0.01;
/** Two sweepers, as two instances would run: SKIP LOCKED splits the work. */
const SWEEPERS = 2;
const BATCH = 500;
/** The steady load while firing delays are measured: registrations per second, for how long. */
const LOAD_PER_SECOND = 10;
const LOAD_SECONDS = 30;
/** The delay commitment: warn at half of one minute, breach at the minute. */
const TARGET = { firedPerSecond: 5_000, delayP99Ms: 1_000 };

/**
 * The scheduler's figures (issue 4): the sweep — 1,000,000 running clocks of which 1 % are due, claimed
 * and fired by two sweepers — and the firing delay p99 of the real background scheduler while tickets
 * are registered over HTTP at a steady rate (each ticket's clock warns after 30 s and breaches after 60 s).
 */
export async function benchCommitments(options: { url: string; log: Log }): Promise<void> {
  const { url, log } = options;
  const db = createKysely(createPool(url, 8));
  try {
    // A no-op after the tickets bench; run alone, the database is still empty.
    await migrateToLatest(db as never);
    await benchSweep(db, log);
    await benchDelay(url, db, log);
  } finally {
    await db.destroy();
  }
}

async function benchSweep(db: Db, log: Log): Promise<void> {
  const calendar = await db.selectFrom('calendars').select('id').where('builtin', '=', '24x7').executeTakeFirstOrThrow();
  if (Number((await sql<{ n: string }>`select count(*)::text as n from tickets`.execute(db)).rows[0]!.n) === 0) await seedSweepTickets(db, log);
  const staff = await db.selectFrom('staff').select(['id', 'department_id']).where('department_id', 'is not', null).limit(1).executeTakeFirstOrThrow();
  const tickets = Number((await sql<{ n: string }>`select count(*)::text as n from tickets`.execute(db)).rows[0]!.n);
  // One clock per ticket and commitment: with fewer tickets than clocks (a trial run), more commitments.
  // Inactive: the clock engine never derives clocks from them; the sweep's clocks are written directly.
  const commitmentIds: number[] = [];
  for (let i = 0; i < Math.ceil(CLOCKS / tickets); i++) {
    const { id } = await db.insertInto('commitments').values({ active: false }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('commitment_versions')
      .values({
        commitment_id: id, version: 1, name: `Sweep ${i + 1} (bench)`, level: 1, applies_to: JSON.stringify({}), start_event: 'registered', stop_event: 'resolved',
        pause_on_wait: true, target_value: 1, target_unit: 'working_days', target_minutes: 1440, calendar_id: calendar.id, responsible: JSON.stringify({ kind: 'owner' }),
      })
      .execute();
    commitmentIds.push(id);
  }
  const started = performance.now();
  // Every hundredth clock's warning is a second overdue; the rest warn in ten days.
  await sql`
    with t as (select id, row_number() over (order by id) - 1 as rn from tickets)
    insert into clocks (ticket_id, commitment_id, commitment_version, state, started_at, running_since, warn_at, due_at, calendar_id, calendar_version,
                        responsible_department_id, responsible_staff_id, next_fire_at)
    select t.id, (${commitmentIds}::bigint[])[1 + k / ${tickets}], 1, 'running', now() - interval '1 hour', now() - interval '1 hour',
           w.warn_at, w.warn_at + interval '1 day', ${calendar.id}, 1, ${staff.department_id}, ${staff.id}, w.warn_at
    from generate_series(0, ${CLOCKS - 1}) as k
    join t on t.rn = k % ${tickets}
    cross join lateral (select case when k % ${Math.round(1 / DUE_SHARE)} = 0 then now() - interval '1 second' else now() + interval '10 days' end as warn_at) w`.execute(db);
  await sql`analyze clocks`.execute(db);
  const due = Number((await sql<{ n: string }>`select count(*)::text as n from clocks where next_fire_at <= now() and commitment_id = any(${commitmentIds}::bigint[])`.execute(db)).rows[0]!.n);
  log(`sweep: ${CLOCKS.toLocaleString('en')} running clocks written in ${((performance.now() - started) / 1000).toFixed(0)} s, ${due.toLocaleString('en')} due`);

  const sweepStart = performance.now();
  const counts = await Promise.all(
    Array.from({ length: SWEEPERS }, async () => {
      let fired = 0;
      for (;;) {
        const r = await fireDueClocks(db, Date.now(), BATCH);
        fired += r.fired;
        if (r.claimed < BATCH) return fired;
      }
    }),
  );
  const seconds = (performance.now() - sweepStart) / 1000;
  const fired = counts.reduce((a, b) => a + b, 0);
  const perSecond = fired / seconds;
  log(`sweep: claimed and fired ${fired.toLocaleString('en')} of ${due.toLocaleString('en')} due in ${seconds.toFixed(2)} s with ${SWEEPERS} sweepers: ${Math.round(perSecond).toLocaleString('en')} fired/s (target ≥ ${TARGET.firedPerSecond.toLocaleString('en')}/s: ${perSecond >= TARGET.firedPerSecond ? 'ok' : 'MISSED'})`);
  // The sweep's clocks stay (running, due in ten days): the delay run below works beside a million of them.
}

/** Run alone (BENCH_ONLY=commitments), the sweep has no tickets bench before it: bare tickets to hang its clocks on. */
async function seedSweepTickets(db: Db, log: Log, count = 200_000): Promise<void> {
  const started = performance.now();
  const department = await db.insertInto('departments').values({ name: '计时清扫 (bench)' }).returning('id').executeTakeFirstOrThrow();
  const { staff } = await insertStaff(db, systemContext(), { email: 'bench-sweep-agent@example.com', name: '清扫坐席', roles: ['agent'], departmentId: department.id, staffClass: 'dedicated', password: 'bench password 2026' });
  await sql`
    insert into tickets (number, status, channel, subject, owner_id, owner_department_id, created_by_kind, created_by_id)
    select 'S-' || k, 'registered', 'phone', '计时清扫 ' || k, ${staff.id}, ${department.id}, 'staff', ${staff.id} from generate_series(1, ${count}) as k`.execute(db);
  await sql`analyze tickets`.execute(db);
  log(`sweep: no tickets bench ran before; ${count.toLocaleString('en')} bare tickets written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function benchDelay(url: string, db: Db, log: Log): Promise<void> {
  const calendar = await db.selectFrom('calendars').select('id').where('builtin', '=', '24x7').executeTakeFirstOrThrow();
  const department = await db.insertInto('departments').values({ name: '延迟测试 (bench)' }).returning('id').executeTakeFirstOrThrow();
  const category = await db.insertInto('categories').values({ name: '计时测试 (bench)', department_id: department.id }).returning('id').executeTakeFirstOrThrow();
  const password = 'bench password 2026';
  const { staff } = await insertStaff(db, systemContext(), { email: 'bench-clock-agent@example.com', name: '计时坐席', roles: ['agent'], departmentId: department.id, staffClass: 'dedicated', password });
  const { id: commitmentId } = await db.insertInto('commitments').values({ active: true }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('commitment_versions')
    .values({
      commitment_id: commitmentId, version: 1, name: 'Resolve in 1 minute (bench)', level: 1, applies_to: JSON.stringify({ categoryIds: [category.id] }), start_event: 'registered',
      stop_event: 'resolved', pause_on_wait: true, target_value: 1, target_unit: 'minutes', target_minutes: 1, warn_share: 0.5, calendar_id: calendar.id,
      responsible: JSON.stringify({ kind: 'owner' }),
    })
    .execute();
  // The million bulk-loaded tickets are history: the engine starts from now, as after an upgrade.
  await sql`update clock_engine_cursor set watermark = pg_snapshot_xmax(pg_current_snapshot())`.execute(db);

  const appDb = createKysely(createPool(url, 16));
  const app = await buildApp({ db: appDb, databaseUrl: url, config: loadConfig({}), logger: { level: 'error' } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // As `centric start` does: the engine projects the registrations' clocks, the scheduler fires them.
  const jobs = startBackgroundJobs({ db: appDb, databaseUrl: url, log: app.log });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  try {
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: staff.email, password }) });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie: signIn.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
    const total = LOAD_PER_SECOND * LOAD_SECONDS;
    let sent = 0;
    let failed = 0;
    const pending: Promise<void>[] = [];
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (sent >= total) {
          clearInterval(timer);
          resolve();
          return;
        }
        sent += 1;
        pending.push(
          fetch(`${base}/api/tickets`, { method: 'POST', headers, body: JSON.stringify({ channel: 'phone', subject: `计时 ${sent}`, categoryId: category.id, customerContact: '13800000000' }) }).then(
            async (r) => {
              if (r.status !== 201) {
                failed += 1;
                // The first refusal says why, so a failed load is not mistaken for a quiet one.
                if (failed === 1) log(`delay: registration answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
                else await r.arrayBuffer();
              } else await r.arrayBuffer();
            },
            () => {
              failed += 1;
            },
          ),
        );
      }, 1000 / LOAD_PER_SECOND);
    });
    await Promise.all(pending);
    // The last ticket breaches a minute after it was registered; wait for it (and a little more).
    const expected = (total - failed) * 2;
    const deadline = Date.now() + 90_000;
    let firings: { delay_ms: number }[] = [];
    while (Date.now() < deadline) {
      firings = await db.selectFrom('clock_firings as f').innerJoin('clocks as c', 'c.id', 'f.clock_id').select('f.delay_ms').where('c.commitment_id', '=', commitmentId).execute();
      if (firings.length >= expected) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const delays = firings.map((f) => f.delay_ms);
    const p99 = percentile(delays, 99);
    log(
      `delay: ${total} registrations at ${LOAD_PER_SECOND}/s over HTTP (${failed} failed) beside ${CLOCKS.toLocaleString('en')} running clocks; ` +
        `${delays.length} of ${expected} warnings and breaches fired; delay p50 ${percentile(delays, 50)} ms, p99 ${p99} ms, max ${Math.max(...delays)} ms ` +
        `(target p99 ≤ ${TARGET.delayP99Ms} ms: ${delays.length >= expected && p99 <= TARGET.delayP99Ms ? 'ok' : 'MISSED'})`,
    );
  } finally {
    await jobs.stop();
    await app.close();
  }
}
