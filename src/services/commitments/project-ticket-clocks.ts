import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { ClocksTable } from '../../db/schema.ts';
import type { CommitmentAppliesTo, CommitmentVersionSpec } from '../../domain/commitments/commitment-spec.ts';
import {
  deriveTicketClocks,
  type ClockCalendar,
  type ClockCommitmentCandidate,
  type DerivedClock,
  type ExistingClock,
} from '../../domain/commitments/derive-ticket-clocks.ts';
import { matchesTicket } from '../../domain/commitments/match-commitments.ts';
import { listAncestorIds } from '../../domain/org/tree.ts';
import { loadCategoryNodes } from '../org/load-org.ts';
import { loadCalendars } from './load-calendars.ts';

/** The channel the scheduler LISTENs on; the payload is the earliest next_fire_at written, as epoch ms. */
export const CLOCK_CHANGES_CHANNEL = 'centric_clock_changes';

/**
 * Takes the clock engine's cursor row: whoever holds it is the only writer of projected clocks.
 * The engine skips when another instance holds it; a calendar edit waits for it. Returns the
 * watermark and the oldest transaction still running (pg_snapshot_xmin), or null when skipped.
 */
export async function lockClockProjection(trx: Db, options: { skipLocked: boolean }): Promise<{ watermark: string; xmin: string } | null> {
  const lock = options.skipLocked ? sql`for update skip locked` : sql`for update`;
  const { rows } = await sql<{ watermark: string; xmin: string }>`
    select watermark::text as watermark, pg_snapshot_xmin(pg_current_snapshot())::text as xmin from clock_engine_cursor ${lock}`.execute(trx);
  return rows[0] ?? null;
}

export type VersionRow = {
  commitment_id: number;
  version: number;
  level: number;
  applies_to: CommitmentAppliesTo;
  start_event: string;
  stop_event: string;
  pause_on_wait: boolean;
  target_minutes: number;
  warn_share: number;
  calendar_id: number;
  responsible: CommitmentVersionSpec['responsible'];
  escalate_after_minutes: number[];
  created_at: Date;
};

export const VERSION_COLUMNS = [
  'v.commitment_id', 'v.version', 'v.level', 'v.applies_to', 'v.start_event', 'v.stop_event', 'v.pause_on_wait', 'v.target_minutes',
  'v.warn_share', 'v.calendar_id', 'v.responsible', 'v.escalate_after_minutes', 'v.created_at',
] as const;

/** A stored version as the clock derivation reads it. */
export function toSpec(row: VersionRow, parentCommitmentId: number | null): CommitmentVersionSpec {
  return {
    commitmentId: row.commitment_id,
    version: row.version,
    level: row.level,
    parentCommitmentId,
    startEvent: row.start_event,
    stopEvent: row.stop_event,
    pauseOnWait: row.pause_on_wait,
    targetMinutes: row.target_minutes,
    warnShare: Number(row.warn_share),
    calendarId: row.calendar_id,
    responsible: row.responsible,
    escalateAfterMinutes: row.escalate_after_minutes,
    createdAtMs: row.created_at.getTime(),
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const ms = (d: Date | null) => (d === null ? null : d.getTime());
const date = (v: number | null) => (v === null ? null : new Date(v));
const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());

/** The engine-owned columns of a clock, as written (the scheduler's warned / escalation_step / breached_at are left alone). */
function toColumns(c: DerivedClock) {
  return {
    state: c.state,
    started_at: c.startedAtMs,
    elapsed_ms_before: c.elapsedMsBefore,
    running_since: c.runningSinceMs,
    paused_at: c.pausedAtMs,
    warn_at: c.warnAtMs,
    due_at: c.dueAtMs,
    stopped_at: c.stoppedAtMs,
    elapsed_minutes: c.elapsedMinutes,
    late_minutes: c.lateMinutes,
    calendar_version: c.calendarVersion,
    responsible_department_id: c.responsibleDepartmentId,
    responsible_staff_id: c.responsibleStaffId,
    next_fire_at: c.nextFireAtMs,
  };
}

type StoredClock = Pick<
  ClocksTable,
  'ticket_id' | 'commitment_id' | 'commitment_version' | 'parent_clock_id' | 'state' | 'warned' | 'escalation_step' | 'calendar_version'
> & {
  id: number;
  started_at: Date;
  elapsed_ms_before: number;
  running_since: Date | null;
  paused_at: Date | null;
  warn_at: Date | null;
  due_at: Date | null;
  breached_at: Date | null;
  stopped_at: Date | null;
  elapsed_minutes: number | null;
  late_minutes: number | null;
  responsible_department_id: number | null;
  responsible_staff_id: number | null;
  next_fire_at: Date | null;
  warned: boolean;
  escalation_step: number;
};

function storedColumns(s: StoredClock) {
  return {
    state: s.state,
    started_at: ms(s.started_at),
    elapsed_ms_before: s.elapsed_ms_before,
    running_since: ms(s.running_since),
    paused_at: ms(s.paused_at),
    warn_at: ms(s.warn_at),
    due_at: ms(s.due_at),
    stopped_at: ms(s.stopped_at),
    elapsed_minutes: s.elapsed_minutes,
    late_minutes: s.late_minutes,
    calendar_version: s.calendar_version,
    responsible_department_id: s.responsible_department_id,
    responsible_staff_id: s.responsible_staff_id,
    next_fire_at: ms(s.next_fire_at),
  };
}

export interface ProjectionResult {
  /** Clocks inserted or changed. */
  written: number;
  /** The earliest next_fire_at among the clocks whose next_fire_at was set or moved (what the scheduler is told). */
  earliestNextFireAtMs: number | null;
}

/**
 * Derives the clocks of these tickets again from their whole timelines and writes what changed, in
 * the caller's transaction, which must hold lockClockProjection: clocks are a projection of the
 * timeline and this is its one writer. Announces the earliest new firing on CLOCK_CHANGES_CHANNEL.
 */
export async function projectTicketClocks(trx: Db, ticketIds: readonly number[], nowMs: number): Promise<ProjectionResult> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return { written: 0, earliestNextFireAtMs: null };

  const [commitments, stored] = await Promise.all([
    trx.selectFrom('commitments').select(['id', 'parent_id', 'active']).execute(),
    trx
      .selectFrom('clocks')
      .select([
        'id', 'ticket_id', 'commitment_id', 'commitment_version', 'parent_clock_id', 'state', 'warned', 'started_at', 'elapsed_ms_before', 'running_since',
        'paused_at', 'warn_at', 'due_at', 'breached_at', 'stopped_at', 'elapsed_minutes', 'late_minutes', 'calendar_version', 'responsible_department_id',
        'responsible_staff_id', 'escalation_step', 'next_fire_at',
      ])
      .where('ticket_id', 'in', ids)
      .orderBy('id')
      .forUpdate()
      .execute(),
  ]);
  const activeIds = commitments.filter((c) => c.active).map((c) => c.id);
  if (activeIds.length === 0 && stored.length === 0) return { written: 0, earliestNextFireAtMs: null };
  const parentOf = new Map(commitments.map((c) => [c.id, c.parent_id]));
  const versionCommitmentIds = [...new Set([...activeIds, ...stored.map((c) => c.commitment_id)])];

  const [versionRows, tickets, events] = await Promise.all([
    trx.selectFrom('commitment_versions as v').select(VERSION_COLUMNS).where('v.commitment_id', 'in', versionCommitmentIds).execute() as Promise<VersionRow[]>,
    trx
      .selectFrom('tickets')
      .leftJoin('customers', 'customers.id', 'tickets.customer_id')
      .select(['tickets.id', 'tickets.category_id', 'tickets.priority', 'tickets.channel', 'customers.kind as customer_kind', 'customers.segment as customer_segment', 'tickets.owner_id', 'tickets.owner_department_id', 'tickets.handler_id', 'tickets.handler_department_id'])
      .where('tickets.id', 'in', ids)
      .execute(),
    trx
      .selectFrom('ticket_events')
      .select(['id', 'ticket_id', 'type', 'at'])
      .where('ticket_id', 'in', ids)
      .where('type', 'not like', 'clock\\_%')
      .orderBy('ticket_id')
      .orderBy('id')
      .execute(),
  ]);
  const versionsOf = groupBy(versionRows, (v) => v.commitment_id);
  const needsCategories = versionRows.some((v) => (v.applies_to.categoryIds ?? []).length > 0);
  const categoryNodes = needsCategories ? await loadCategoryNodes(trx) : new Map();
  const loaded = await loadCalendars(trx, versionRows.map((v) => v.calendar_id));
  const calendars = new Map<number, ClockCalendar>([...loaded].map(([id, c]) => [id, { version: c.version, calendar: c.calendar }]));

  const eventsOf = groupBy(events, (e) => e.ticket_id);
  const storedOf = groupBy(stored as StoredClock[], (c) => c.ticket_id);
  const clockCommitment = new Map(stored.map((c) => [c.id, c.commitment_id]));

  const inserts: { ticketId: number; clock: DerivedClock }[] = [];
  const updates: { stored: StoredClock; clock: DerivedClock }[] = [];
  for (const ticket of tickets) {
    const categoryAncestorIds = ticket.category_id === null ? [] : listAncestorIds(categoryNodes, ticket.category_id);
    const matchFacts = { categoryAncestorIds, priority: ticket.priority, channel: ticket.channel, customerKind: ticket.customer_kind ?? null, customerSegment: ticket.customer_segment ?? null };
    const candidates: ClockCommitmentCandidate[] = activeIds.map((id) => ({
      commitmentId: id,
      parentCommitmentId: parentOf.get(id) ?? null,
      versions: (versionsOf.get(id) ?? []).map((v) => ({ spec: toSpec(v, parentOf.get(id) ?? null), applies: matchesTicket(v.applies_to, matchFacts) })),
    }));
    const mine = storedOf.get(ticket.id) ?? [];
    const existing: ExistingClock[] = [];
    for (const s of mine) {
      const row = versionsOf.get(s.commitment_id)?.find((v) => v.version === s.commitment_version);
      if (!row) continue;
      const parentCommitmentId = s.parent_clock_id === null ? null : (clockCommitment.get(s.parent_clock_id) ?? null);
      existing.push({
        spec: toSpec(row, parentCommitmentId),
        parentCommitmentId,
        state: s.state,
        startedAtMs: s.started_at.getTime(),
        elapsedMsBefore: s.elapsed_ms_before,
        runningSinceMs: ms(s.running_since),
        pausedAtMs: ms(s.paused_at),
        warnAtMs: ms(s.warn_at),
        dueAtMs: ms(s.due_at),
        stoppedAtMs: ms(s.stopped_at),
        elapsedMinutes: s.elapsed_minutes,
        lateMinutes: s.late_minutes,
        calendarVersion: s.calendar_version,
        responsibleDepartmentId: s.responsible_department_id,
        responsibleStaffId: s.responsible_staff_id,
        nextFireAtMs: ms(s.next_fire_at),
        warned: s.warned,
        breachedAtMs: ms(s.breached_at),
        escalationStep: s.escalation_step,
      });
    }
    const derived = deriveTicketClocks({
      timeline: (eventsOf.get(ticket.id) ?? []).map((e) => ({ id: e.id, type: e.type, atMs: e.at.getTime() })),
      facts: { ownerId: ticket.owner_id, ownerDepartmentId: ticket.owner_department_id, handlerId: ticket.handler_id, handlerDepartmentId: ticket.handler_department_id },
      candidates,
      existing,
      calendars,
      nowMs,
    });
    for (const clock of derived) {
      if (clock.unchanged) continue;
      if (clock.isNew) inserts.push({ ticketId: ticket.id, clock });
      else {
        const s = mine.find((m) => m.commitment_id === clock.commitmentId)!;
        if (JSON.stringify(storedColumns(s)) !== JSON.stringify(toColumns(clock))) updates.push({ stored: s, clock });
      }
    }
  }

  let earliest: number | null = null;
  const consider = (atMs: number | null, before: number | null) => {
    if (atMs !== null && atMs !== before && (earliest === null || atMs < earliest)) earliest = atMs;
  };
  const clockIdOf = new Map(stored.map((c) => [`${c.ticket_id}:${c.commitment_id}`, c.id]));
  let written = 0;
  // Level by level, so a stage clock can name the clock it runs under.
  for (const level of [1, 2, 3]) {
    const rows = inserts.filter((i) => i.clock.level === level);
    if (rows.length === 0) continue;
    const inserted = await trx
      .insertInto('clocks')
      .values(
        rows.map(({ ticketId, clock: c }) => ({
          ticket_id: ticketId,
          commitment_id: c.commitmentId,
          commitment_version: c.version,
          parent_clock_id: c.parentCommitmentId === null ? null : (clockIdOf.get(`${ticketId}:${c.parentCommitmentId}`) ?? null),
          state: c.state,
          started_at: new Date(c.startedAtMs),
          elapsed_ms_before: c.elapsedMsBefore,
          running_since: date(c.runningSinceMs),
          paused_at: date(c.pausedAtMs),
          warn_at: date(c.warnAtMs),
          due_at: date(c.dueAtMs),
          stopped_at: date(c.stoppedAtMs),
          elapsed_minutes: c.elapsedMinutes,
          late_minutes: c.lateMinutes,
          calendar_id: c.calendarId,
          calendar_version: c.calendarVersion,
          responsible_department_id: c.responsibleDepartmentId,
          responsible_staff_id: c.responsibleStaffId,
          next_fire_at: date(c.nextFireAtMs),
        })),
      )
      // Only this function writes clocks, under the cursor lock; a row already there is left to the next pass.
      .onConflict((oc) => oc.columns(['ticket_id', 'commitment_id']).doNothing())
      .returning(['id', 'ticket_id', 'commitment_id', 'next_fire_at'])
      .execute();
    for (const r of inserted) {
      clockIdOf.set(`${r.ticket_id}:${r.commitment_id}`, r.id);
      consider(ms(r.next_fire_at), null);
    }
    written += inserted.length;
  }

  if (updates.length > 0) {
    const values = updates.map(({ stored: s, clock: c }) => {
      const col = toColumns(c);
      consider(c.nextFireAtMs, ms(s.next_fire_at));
      return {
        ...col, id: s.id, started_at: iso(col.started_at), running_since: iso(col.running_since), paused_at: iso(col.paused_at), warn_at: iso(col.warn_at),
        due_at: iso(col.due_at), stopped_at: iso(col.stopped_at), next_fire_at: iso(col.next_fire_at),
      };
    });
    await sql`
      update clocks as c set
        state = v.state, started_at = v.started_at, elapsed_ms_before = v.elapsed_ms_before, running_since = v.running_since, paused_at = v.paused_at,
        warn_at = v.warn_at, due_at = v.due_at, stopped_at = v.stopped_at, elapsed_minutes = v.elapsed_minutes, late_minutes = v.late_minutes,
        calendar_version = v.calendar_version, responsible_department_id = v.responsible_department_id, responsible_staff_id = v.responsible_staff_id,
        next_fire_at = v.next_fire_at, version = c.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
        id bigint, state text, started_at timestamptz, elapsed_ms_before bigint, running_since timestamptz, paused_at timestamptz, warn_at timestamptz,
        due_at timestamptz, stopped_at timestamptz, elapsed_minutes integer, late_minutes integer, calendar_version integer,
        responsible_department_id bigint, responsible_staff_id bigint, next_fire_at timestamptz)
      where c.id = v.id`.execute(trx);
    written += updates.length;
  }

  if (earliest !== null) await sql`select pg_notify(${CLOCK_CHANGES_CHANNEL}, ${String(earliest)})`.execute(trx);
  return { written, earliestNextFireAtMs: earliest };
}
