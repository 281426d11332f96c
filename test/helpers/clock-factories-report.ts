import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/connect.ts';
import type { ClockState, CommitmentResponsible } from '../../src/db/schema.ts';

/**
 * Commitments, tickets, clocks and attributions written straight into the tables, as the clock
 * engine and scheduler would have left them: the report reads only what is stored.
 */

const unique = () => randomBytes(4).toString('hex');

export async function find24x7CalendarId(db: Db): Promise<number> {
  return (await db.selectFrom('calendars').select('id').where('builtin', '=', '24x7').executeTakeFirstOrThrow()).id;
}

export async function buildCommitment(
  db: Db,
  o: { name?: string; level?: 1 | 2 | 3; parentId?: number | null; targetMinutes?: number; calendarId?: number; responsible?: CommitmentResponsible; position?: number } = {},
) {
  const calendarId = o.calendarId ?? (await find24x7CalendarId(db));
  const { id } = await db.insertInto('commitments').values({ parent_id: o.parentId ?? null, position: o.position ?? 0 }).returning('id').executeTakeFirstOrThrow();
  const targetMinutes = o.targetMinutes ?? 60;
  const name = o.name ?? `Commitment ${unique()}`;
  await db
    .insertInto('commitment_versions')
    .values({
      commitment_id: id,
      version: 1,
      name,
      level: o.level ?? 1,
      applies_to: JSON.stringify({}),
      start_event: 'registered',
      stop_event: 'resolved',
      pause_on_wait: true,
      target_value: targetMinutes,
      target_unit: 'minutes',
      target_minutes: targetMinutes,
      calendar_id: calendarId,
      responsible: JSON.stringify(o.responsible ?? { kind: 'owner' }),
    })
    .execute();
  return { id, name, calendarId, targetMinutes };
}

/** A bare ticket row (its lifecycle does not matter to the report). */
export async function buildReportTicket(db: Db, createdById: number) {
  return db
    .insertInto('tickets')
    .values({ number: `T-${unique()}`, status: 'registered', channel: 'phone', subject: 'Report test', created_by_kind: 'staff', created_by_id: createdById })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}

export interface ClockSeed {
  ticketId: number;
  commitment: { id: number; calendarId: number };
  state: ClockState;
  startedAt: string;
  parentClockId?: number | null;
  breachedAt?: string | null;
  stoppedAt?: string | null;
  elapsedMinutes?: number | null;
  lateMinutes?: number | null;
  runningSince?: string | null;
  elapsedMsBefore?: number;
  departmentId?: number | null;
  staffId?: number | null;
}

export async function buildClock(db: Db, s: ClockSeed) {
  return db
    .insertInto('clocks')
    .values({
      ticket_id: s.ticketId,
      commitment_id: s.commitment.id,
      commitment_version: 1,
      parent_clock_id: s.parentClockId ?? null,
      state: s.state,
      started_at: s.startedAt,
      elapsed_ms_before: s.elapsedMsBefore ?? 0,
      running_since: s.runningSince ?? null,
      breached_at: s.breachedAt ?? null,
      stopped_at: s.stoppedAt ?? null,
      elapsed_minutes: s.elapsedMinutes ?? null,
      late_minutes: s.lateMinutes ?? null,
      calendar_id: s.commitment.calendarId,
      calendar_version: 1,
      responsible_department_id: s.departmentId ?? null,
      responsible_staff_id: s.staffId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function buildAttribution(
  db: Db,
  a: { clockId: number; kind: 'stage_overrun' | 'parent_slack'; stageClockId?: number | null; stageCommitmentId?: number | null; budgetMinutes?: number | null; usedMinutes?: number | null; overrunMinutes?: number | null; departmentId?: number | null; staffId?: number | null },
) {
  return db
    .insertInto('clock_attributions')
    .values({
      clock_id: a.clockId,
      kind: a.kind,
      stage_clock_id: a.stageClockId ?? null,
      stage_commitment_id: a.stageCommitmentId ?? null,
      budget_minutes: a.budgetMinutes ?? null,
      used_minutes: a.usedMinutes ?? null,
      overrun_minutes: a.overrunMinutes ?? null,
      department_id: a.departmentId ?? null,
      staff_id: a.staffId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
