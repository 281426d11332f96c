import type { Db } from '../../db/connect.ts';
import type { ClockState } from '../../db/schema.ts';
import { businessMillisecondsBetween } from '../../domain/calendar/index.ts';
import type { RequestContext } from '../context.ts';
import { getTicketView } from '../tickets/get-ticket.ts';
import { loadStaffTicketActor } from '../tickets/load-ticket-actor.ts';
import { loadCalendars } from './load-calendars.ts';

export interface ClockAttributionView {
  kind: 'stage_overrun' | 'parent_slack';
  stageClockId: number | null;
  stageCommitmentId: number | null;
  stageName: string | null;
  budgetMinutes: number | null;
  usedMinutes: number | null;
  overrunMinutes: number | null;
  departmentId: number | null;
  departmentName: string | null;
  staffId: number | null;
  staffName: string | null;
}

/** One clock on a ticket, as GET /api/tickets/:id/clocks shows it. */
export interface ClockView {
  id: number;
  ticketId: number;
  commitmentId: number;
  /** Name and level of the version the clock runs on. */
  commitmentName: string;
  level: number;
  version: number;
  state: ClockState;
  warned: boolean;
  startedAt: string;
  warnAt: string | null;
  dueAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  pausedAt: string | null;
  /** Business minutes used: when stopped, as recorded; otherwise as of the answer. */
  elapsedMinutes: number;
  targetMinutes: number;
  lateMinutes: number | null;
  calendarId: number;
  responsibleDepartmentId: number | null;
  responsibleDepartmentName: string | null;
  responsibleStaffId: number | null;
  responsibleStaffName: string | null;
  /** The clock this stage clock runs under; null for level 1. */
  parentClockId: number | null;
  escalationStep: number;
  attributions: ClockAttributionView[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A ticket's clocks, level-1 clocks and their stages in the order they started; 404 for a ticket the reader may not see. */
export async function listTicketClocks(db: Db, ctx: RequestContext, ticketId: number, nowMs: number): Promise<ClockView[]> {
  const actor = await loadStaffTicketActor(db, ctx);
  await getTicketView(db, ticketId, actor);
  const rows = await db
    .selectFrom('clocks')
    .innerJoin('commitment_versions as v', (j) => j.onRef('v.commitment_id', '=', 'clocks.commitment_id').onRef('v.version', '=', 'clocks.commitment_version'))
    .leftJoin('departments as d', 'd.id', 'clocks.responsible_department_id')
    .leftJoin('staff as s', 's.id', 'clocks.responsible_staff_id')
    .selectAll('clocks')
    .select(['v.name as commitment_name', 'v.level', 'v.target_minutes', 'd.name as department_name', 's.name as staff_name'])
    .where('clocks.ticket_id', '=', ticketId)
    .orderBy('v.level')
    .orderBy('clocks.started_at')
    .orderBy('clocks.id')
    .execute();
  if (rows.length === 0) return [];
  const running = rows.filter((r) => r.running_since !== null && r.stopped_at === null);
  const calendars = await loadCalendars(db, running.map((r) => r.calendar_id));
  const attributions = await db
    .selectFrom('clock_attributions as a')
    // The stage's name as in the version its clock ran on (a later rename does not rewrite the breach).
    .leftJoin('clocks as stage', 'stage.id', 'a.stage_clock_id')
    .leftJoin('commitment_versions as sv', (j) => j.onRef('sv.commitment_id', '=', 'stage.commitment_id').onRef('sv.version', '=', 'stage.commitment_version'))
    .leftJoin('commitments as sc', 'sc.id', 'a.stage_commitment_id')
    .leftJoin('commitment_versions as scur', (j) => j.onRef('scur.commitment_id', '=', 'sc.id').onRef('scur.version', '=', 'sc.current_version'))
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.clock_id', 'a.kind', 'a.stage_clock_id', 'a.stage_commitment_id', (eb) => eb.fn.coalesce('sv.name', 'scur.name').as('stage_name'), 'a.budget_minutes', 'a.used_minutes', 'a.overrun_minutes',
      'a.department_id', 'd.name as department_name', 'a.staff_id', 's.name as staff_name',
    ])
    .where('a.clock_id', 'in', rows.map((r) => r.id))
    .orderBy('a.id')
    .execute();

  return rows.map((r) => {
    let elapsedMs = r.elapsed_ms_before;
    if (r.running_since !== null && r.stopped_at === null) {
      const since = r.running_since.getTime();
      elapsedMs += businessMillisecondsBetween(since, Math.max(since, nowMs), calendars.get(r.calendar_id)!.calendar);
    }
    return {
      id: r.id,
      ticketId: r.ticket_id,
      commitmentId: r.commitment_id,
      commitmentName: r.commitment_name,
      level: r.level,
      version: r.commitment_version,
      state: r.state,
      warned: r.warned,
      startedAt: r.started_at.toISOString(),
      warnAt: iso(r.warn_at),
      dueAt: iso(r.due_at),
      breachedAt: iso(r.breached_at),
      stoppedAt: iso(r.stopped_at),
      pausedAt: iso(r.paused_at),
      elapsedMinutes: r.stopped_at !== null && r.elapsed_minutes !== null ? r.elapsed_minutes : Math.round(elapsedMs / 60_000),
      targetMinutes: r.target_minutes,
      lateMinutes: r.late_minutes,
      calendarId: r.calendar_id,
      responsibleDepartmentId: r.responsible_department_id,
      responsibleDepartmentName: r.department_name,
      responsibleStaffId: r.responsible_staff_id,
      responsibleStaffName: r.staff_name,
      parentClockId: r.parent_clock_id,
      escalationStep: r.escalation_step,
      attributions: attributions
        .filter((a) => a.clock_id === r.id)
        .map((a) => ({
          kind: a.kind,
          stageClockId: a.stage_clock_id,
          stageCommitmentId: a.stage_commitment_id,
          stageName: a.stage_name,
          budgetMinutes: a.budget_minutes,
          usedMinutes: a.used_minutes,
          overrunMinutes: a.overrun_minutes,
          departmentId: a.department_id,
          departmentName: a.department_name,
          staffId: a.staff_id,
          staffName: a.staff_name,
        })),
    };
  });
}
