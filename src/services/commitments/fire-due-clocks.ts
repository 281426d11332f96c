import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { ClockState } from '../../db/schema.ts';
import { businessMillisecondsBetween } from '../../domain/calendar/index.ts';
import { computeNextFiring, type ClockFiringKind, type ClockFiringState } from '../../domain/commitments/compute-next-fire-at.ts';
import { measureStageUseAt } from '../../domain/commitments/measure-stage-use.ts';
import { attributeBreach, planEscalationRecipient, type StageUse } from '../../domain/commitments/plan-escalation.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';
import { TICKET_CHANGES_CHANNEL } from '../tickets/perform-ticket-action.ts';
import { loadCalendars } from './load-calendars.ts';
import { toSpec, VERSION_COLUMNS, type VersionRow } from './project-ticket-clocks.ts';

/** The timeline event and the in-app notification kind of each firing. */
export const CLOCK_EVENT_TYPES: Record<ClockFiringKind, string> = { warning: 'clock_warned', breach: 'clock_breached', escalation: 'clock_escalated' };

export interface FireResult {
  /** Firings recorded by this call (a firing another instance recorded first is not counted). */
  fired: number;
  /** For each firing: how long after its due time it was recorded, in ms. */
  delaysMs: number[];
  /** Clocks claimed: a full batch means more may be due. */
  claimed: number;
}

type ClaimedRow = {
  id: number;
  ticket_id: number;
  commitment_id: number;
  parent_clock_id: number | null;
  state: ClockState;
  warned: boolean;
  warn_at: Date | null;
  due_at: Date | null;
  breached_at: Date | null;
  stopped_at: Date | null;
  escalation_step: number;
  calendar_id: number;
  responsible_department_id: number | null;
  responsible_staff_id: number | null;
  level: number;
  name: string;
  escalate_after_minutes: number[];
};

const ms = (d: Date | null) => (d === null ? null : d.getTime());

/**
 * Fires what is due on up to `limit` clocks whose next_fire_at has come: claims them with
 * `FOR UPDATE SKIP LOCKED`, so instances sharing the database split the work and never take the same
 * clock at once, and records each firing under the primary key (clock, kind, step), so a firing
 * happens exactly once even if a crash or another instance repeats the work. Each firing is an event
 * on the ticket and a notification to the person the ladder names; a level-1 breach records which
 * stages overran. A clock that was behind (e.g. the service was down) fires everything now due, in order.
 */
export async function fireDueClocks(db: Db, nowMs: number, limit = 500): Promise<FireResult> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<ClaimedRow>`
      select c.id, c.ticket_id, c.commitment_id, c.parent_clock_id, c.state, c.warned, c.warn_at, c.due_at, c.breached_at,
             c.stopped_at, c.escalation_step, c.calendar_id, c.responsible_department_id, c.responsible_staff_id,
             v.level, v.name, v.escalate_after_minutes
      from clocks c
      join commitment_versions v on v.commitment_id = c.commitment_id and v.version = c.commitment_version
      where c.next_fire_at <= ${new Date(nowMs)}
      order by c.next_fire_at
      limit ${sql.lit(Math.max(1, Math.trunc(limit)))}
      for update of c skip locked`.execute(trx);
    if (rows.length === 0) return { fired: 0, delaysMs: [], claimed: 0 };

    const calendars = await loadCalendars(trx, [...new Set(rows.map((r) => r.calendar_id))]);
    const departments = await loadDepartmentNodes(trx);
    const firings: { clock_id: number; kind: ClockFiringKind; step: number; due_at: Date; fired_at: Date; delay_ms: number; notified_staff_id: number | null; ticket_id: number; name: string; commitment_id: number; level: number }[] = [];
    const updates: { id: number; state: ClockState; warned: boolean; breached_at: Date | null; escalation_step: number; next_fire_at: Date | null }[] = [];

    for (const r of rows) {
      const calendar = calendars.get(r.calendar_id)!.calendar;
      const state: ClockFiringState = {
        state: r.state, stoppedAtMs: ms(r.stopped_at), warned: r.warned, warnAtMs: ms(r.warn_at), dueAtMs: ms(r.due_at),
        breachedAtMs: ms(r.breached_at), escalationStep: r.escalation_step, escalateAfterMinutes: r.escalate_after_minutes ?? [],
      };
      let next = computeNextFiring(state, calendar);
      while (next && next.atMs <= nowMs) {
        const recipient = planEscalationRecipient(next.kind, next.step, { staffId: r.responsible_staff_id, departmentId: r.responsible_department_id }, departments);
        firings.push({
          clock_id: r.id, kind: next.kind, step: next.step, due_at: new Date(next.atMs), fired_at: new Date(nowMs), delay_ms: Math.min(2_147_483_647, Math.max(0, nowMs - next.atMs)),
          notified_staff_id: recipient, ticket_id: r.ticket_id, name: r.name, commitment_id: r.commitment_id, level: r.level,
        });
        if (next.kind === 'warning') state.warned = true;
        else if (next.kind === 'breach') {
          state.breachedAtMs = next.atMs;
          state.state = 'breached';
        } else state.escalationStep = next.step;
        next = computeNextFiring(state, calendar);
      }
      updates.push({
        id: r.id, state: state.stoppedAtMs === null && state.breachedAtMs !== null ? 'breached' : state.state, warned: state.warned,
        breached_at: state.breachedAtMs === null ? null : new Date(state.breachedAtMs), escalation_step: state.escalationStep, next_fire_at: next ? new Date(next.atMs) : null,
      });
    }

    await sql`
      update clocks c set state = v.state, warned = v.warned, breached_at = v.breached_at, escalation_step = v.escalation_step,
        next_fire_at = v.next_fire_at, version = c.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id bigint, state text, warned boolean, breached_at timestamptz, escalation_step integer, next_fire_at timestamptz)
      where c.id = v.id`.execute(trx);
    if (firings.length === 0) return { fired: 0, delaysMs: [], claimed: rows.length };

    // The primary key keeps each firing to once; only the ones inserted here get their effects.
    const inserted = await trx
      .insertInto('clock_firings')
      .values(firings.map((f) => ({ clock_id: f.clock_id, kind: f.kind, step: f.step, due_at: f.due_at, fired_at: f.fired_at, delay_ms: f.delay_ms, notified_staff_id: f.notified_staff_id })))
      .onConflict((oc) => oc.columns(['clock_id', 'kind', 'step']).doNothing())
      .returning(['clock_id', 'kind', 'step'])
      .execute();
    const key = (f: { clock_id: number; kind: string; step: number }) => `${f.clock_id}:${f.kind}:${f.step}`;
    const fresh = new Set(inserted.map(key));
    const done = firings.filter((f) => fresh.has(key(f)));
    if (done.length === 0) return { fired: 0, delaysMs: [], claimed: rows.length };

    await trx
      .insertInto('ticket_events')
      .values(done.map((f) => ({
        ticket_id: f.ticket_id, type: CLOCK_EVENT_TYPES[f.kind], action: null, actor_kind: 'system' as const, actor_id: null, at: f.fired_at,
        payload: JSON.stringify({ clockId: f.clock_id, commitmentId: f.commitment_id, commitment: f.name, dueAt: f.due_at.toISOString(), step: f.step, notifiedId: f.notified_staff_id }),
        visible_to_customer: false,
      })))
      .execute();
    const notified = done.filter((f) => f.notified_staff_id !== null);
    if (notified.length > 0) {
      await trx.insertInto('notifications').values(notified.map((f) => ({ recipient_id: f.notified_staff_id!, kind: CLOCK_EVENT_TYPES[f.kind], ticket_id: f.ticket_id }))).execute();
    }
    const breachedLevel1 = done.filter((f) => f.kind === 'breach' && f.level === 1);
    if (breachedLevel1.length > 0) await attributeBreaches(trx, breachedLevel1.map((f) => ({ clockId: f.clock_id, dueAtMs: f.due_at.getTime() })));

    // Open ticket pages and queues refresh, on every instance.
    const byTicket = new Map<number, { events: string[]; recipients: number[] }>();
    for (const f of done) {
      const t = byTicket.get(f.ticket_id) ?? { events: [], recipients: [] };
      t.events.push(CLOCK_EVENT_TYPES[f.kind]);
      if (f.notified_staff_id !== null && !t.recipients.includes(f.notified_staff_id)) t.recipients.push(f.notified_staff_id);
      byTicket.set(f.ticket_id, t);
    }
    for (const [ticketId, t] of byTicket) {
      await sql`select pg_notify(${TICKET_CHANGES_CHANNEL}, ${JSON.stringify({ ticketId, events: t.events, recipients: t.recipients })})`.execute(trx);
    }
    return { fired: done.length, delaysMs: done.map((f) => f.delay_ms), claimed: rows.length };
  });
}

/**
 * Records, for each breached level-1 clock, the stages that overran their budget (or the parent's
 * slack), measured as of the parent's due time: after downtime the breach fires late, and the time
 * since is not the stages' overrun. A stage's count is read from its stored columns when they already
 * say it (stopped, running or paused since before the due time); otherwise it is derived again from
 * the ticket's timeline up to the due time.
 */
async function attributeBreaches(trx: Db, breaches: { clockId: number; dueAtMs: number }[]): Promise<void> {
  const clockIds = breaches.map((b) => b.clockId);
  const stages = await trx
    .selectFrom('clocks as c')
    .innerJoin('commitment_versions as v', (j) => j.onRef('v.commitment_id', '=', 'c.commitment_id').onRef('v.version', '=', 'c.commitment_version'))
    .select([
      'c.id', 'c.parent_clock_id', 'c.ticket_id', 'c.commitment_id', 'c.calendar_id', 'c.started_at', 'c.elapsed_minutes', 'c.elapsed_ms_before', 'c.running_since',
      'c.paused_at', 'c.stopped_at', 'c.responsible_department_id', 'c.responsible_staff_id', ...VERSION_COLUMNS,
    ])
    .where('c.parent_clock_id', 'in', clockIds)
    .execute();
  if (stages.length === 0) {
    await trx.insertInto('clock_attributions').values(clockIds.map((clockId) => ({ clock_id: clockId, kind: 'parent_slack' as const }))).execute();
    return;
  }
  const calendars = await loadCalendars(trx, [...new Set(stages.map((s) => s.calendar_id))]);
  const dueOf = new Map(breaches.map((b) => [b.clockId, b.dueAtMs]));
  const usedMs = new Map<number, number>();
  const unsure = new Set<number>();
  for (const s of stages) {
    const dueAtMs = dueOf.get(s.parent_clock_id!)!;
    const calendar = calendars.get(s.calendar_id)!.calendar;
    if (s.started_at.getTime() > dueAtMs) usedMs.set(s.id, 0);
    else if (s.stopped_at !== null && s.stopped_at.getTime() <= dueAtMs && s.elapsed_minutes !== null) usedMs.set(s.id, s.elapsed_minutes * 60_000);
    else if (s.stopped_at === null && s.running_since !== null && s.running_since.getTime() <= dueAtMs) {
      usedMs.set(s.id, Number(s.elapsed_ms_before) + businessMillisecondsBetween(s.running_since.getTime(), dueAtMs, calendar));
    } else if (s.stopped_at === null && s.running_since === null && s.paused_at !== null && s.paused_at.getTime() <= dueAtMs) usedMs.set(s.id, Number(s.elapsed_ms_before));
    else unsure.add(s.parent_clock_id!);
  }
  if (unsure.size > 0) await measureFromTimelines(trx, [...unsure], dueOf, stages, usedMs);

  const rows = clockIds.flatMap((clockId) => {
    const uses: StageUse[] = stages
      .filter((s) => s.parent_clock_id === clockId)
      .map((s) => ({
        clockId: s.id, commitmentId: s.commitment_id, budgetMinutes: s.target_minutes, usedMinutes: Math.floor((usedMs.get(s.id) ?? 0) / 60_000),
        departmentId: s.responsible_department_id, staffId: s.responsible_staff_id,
      }));
    return attributeBreach(uses).map((a) =>
      a.kind === 'parent_slack'
        ? { clock_id: clockId, kind: 'parent_slack' as const, stage_clock_id: null, stage_commitment_id: null, budget_minutes: null, used_minutes: null, overrun_minutes: null, department_id: null, staff_id: null }
        : {
            clock_id: clockId, kind: 'stage_overrun' as const, stage_clock_id: a.stage.clockId, stage_commitment_id: a.stage.commitmentId, budget_minutes: a.stage.budgetMinutes,
            used_minutes: a.stage.usedMinutes, overrun_minutes: a.overrunMinutes, department_id: a.stage.departmentId, staff_id: a.stage.staffId,
          },
    );
  });
  if (rows.length > 0) await trx.insertInto('clock_attributions').values(rows).execute();
}

type StageRow = { id: number; parent_clock_id: number | null; ticket_id: number; started_at: Date } & VersionRow;

/** The stages of these level-1 clocks derived again from their tickets' timelines up to each due time. */
async function measureFromTimelines(trx: Db, parentIds: number[], dueOf: Map<number, number>, stages: readonly StageRow[], usedMs: Map<number, number>): Promise<void> {
  const parents = (await trx
    .selectFrom('clocks as c')
    .innerJoin('commitment_versions as v', (j) => j.onRef('v.commitment_id', '=', 'c.commitment_id').onRef('v.version', '=', 'c.commitment_version'))
    .select(['c.id', 'c.ticket_id', 'c.started_at', ...VERSION_COLUMNS])
    .where('c.id', 'in', parentIds)
    .execute()) as ({ id: number; ticket_id: number; started_at: Date } & VersionRow)[];
  const events = await trx
    .selectFrom('ticket_events')
    .select(['id', 'ticket_id', 'type', 'at'])
    .where('ticket_id', 'in', [...new Set(parents.map((p) => p.ticket_id))])
    .where('type', 'not like', 'clock\\_%')
    .orderBy('id')
    .execute();
  const loaded = await loadCalendars(trx, [...new Set([...parents, ...stages].map((r) => r.calendar_id))]);
  const calendars = new Map([...loaded].map(([id, c]) => [id, { version: c.version, calendar: c.calendar }]));
  for (const p of parents) {
    const mine = stages.filter((s) => s.parent_clock_id === p.id);
    const used = measureStageUseAt({
      timeline: events.filter((e) => e.ticket_id === p.ticket_id).map((e) => ({ id: e.id, type: e.type, atMs: e.at.getTime() })),
      parent: { spec: toSpec(p, null), startedAtMs: p.started_at.getTime() },
      stages: mine.map((s) => ({ spec: toSpec(s, p.commitment_id), startedAtMs: s.started_at.getTime() })),
      calendars,
      atMs: dueOf.get(p.id)!,
    });
    for (const s of mine) usedMs.set(s.id, used.get(s.commitment_id) ?? 0);
  }
}

/** When the earliest clock next needs the scheduler, or null when none does. */
export async function nextClockFireAt(db: Db): Promise<number | null> {
  const row = await db.selectFrom('clocks').select((eb) => eb.fn.min('next_fire_at').as('at')).where('next_fire_at', 'is not', null).executeTakeFirst();
  return row?.at ? new Date(row.at as unknown as string).getTime() : null;
}
