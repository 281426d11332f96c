import type { Db } from '../../db/connect.ts';
import type { CalendarsTable } from '../../db/schema.ts';
import { businessMillisecondsBetween, type CalendarDefinition } from '../../domain/calendar/index.ts';
import type { ClockEvent } from '../../domain/commitments/can-event-follow.ts';
import type { CommitmentAppliesTo, CommitmentResponsible, CommitmentStageKind, CommitmentTargetUnit } from '../../domain/commitments/commitment-spec.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import type { CalendarDefinitionView, CalendarView, CalendarYearView } from '../../contracts/calendars.ts';
import type { ClockView } from '../../contracts/clocks.ts';
import type { CommitmentDetail, CommitmentView } from '../../contracts/commitments.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { getTicketView } from '../tickets/get-ticket.ts';
import { loadStaffTicketActor } from '../tickets/load-ticket-actor.ts';
import { loadCalendars, toEffectiveDefinition } from './load-calendars.ts';

/** The read side of calendars, commitments and clocks: rows → the views the API answers with. */

export type { CalendarView, CalendarYearView } from '../../contracts/calendars.ts';
export type { ClockAttributionView, ClockView } from '../../contracts/clocks.ts';
export type { CommitmentDetail, CommitmentVersionView, CommitmentView } from '../../contracts/commitments.ts';

// Calendars

export type CalendarRow = { id: number; name: string; builtin: CalendarsTable['builtin']; definition: CalendarDefinition; version: number; active: boolean; created_at: Date; updated_at: Date };

export const CALENDAR_COLUMNS = ['id', 'name', 'builtin', 'definition', 'version', 'active', 'created_at', 'updated_at'] as const;

/** The domain's definition is read-only; the view only differs in that. */
const toDefinitionView = (d: CalendarDefinition) => d as CalendarDefinitionView;

export function toCalendarView(r: CalendarRow): CalendarView {
  return { id: r.id, name: r.name, builtin: r.builtin, definition: toDefinitionView(r.definition), version: r.version, active: r.active, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
}

export async function loadCalendarRow(db: Db, id: number, lock = false): Promise<CalendarRow> {
  let q = db.selectFrom('calendars').select(CALENDAR_COLUMNS).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(`No calendar with id ${id}`);
  return row;
}

export async function listCalendars(db: Db, ctx: RequestContext): Promise<CalendarView[]> {
  requireStaff(ctx);
  const rows = await db.selectFrom('calendars').select(CALENDAR_COLUMNS).orderBy('active', 'desc').orderBy('builtin').orderBy('name').orderBy('id').execute();
  return rows.map(toCalendarView);
}

/** One calendar; with `year`, the holidays and make-up working days in force that year, official ones included. */
export async function getCalendar(db: Db, ctx: RequestContext, { id, year }: { id: number; year?: number }): Promise<CalendarYearView> {
  requireStaff(ctx);
  const row = await loadCalendarRow(db, id);
  const view: CalendarYearView = toCalendarView(row);
  if (year === undefined) return view;
  const effective = toDefinitionView(toEffectiveDefinition(row));
  const inYear = (d: { date: string }) => d.date.startsWith(`${year}-`);
  return { ...view, year, effective: { holidays: effective.holidays.filter(inYear), extraWorkingDays: effective.extraWorkingDays.filter(inYear) } };
}

// Commitments

export type VersionRow = {
  commitment_id: number;
  version: number;
  name: string;
  level: number;
  applies_to: CommitmentAppliesTo;
  start_event: string;
  stop_event: string;
  pause_on_wait: boolean;
  target_value: number;
  target_unit: CommitmentTargetUnit;
  target_minutes: number;
  calendar_id: number;
  warn_share: number;
  responsible: CommitmentResponsible;
  stage_kind: CommitmentStageKind;
  escalate_after_minutes: number[];
  created_by: number | null;
  created_at: Date;
};

async function loadNames(db: Db, versions: VersionRow[]) {
  const calendarIds = [...new Set(versions.map((v) => v.calendar_id))];
  const deptIds = [...new Set(versions.flatMap((v) => (v.responsible.kind === 'department' ? [v.responsible.departmentId] : [])))];
  const staffIds = [...new Set(versions.flatMap((v) => (v.created_by === null ? [] : [v.created_by])))];
  const [calendars, departments, staff] = await Promise.all([
    calendarIds.length ? db.selectFrom('calendars').select(['id', 'name']).where('id', 'in', calendarIds).execute() : [],
    deptIds.length ? db.selectFrom('departments').select(['id', 'name']).where('id', 'in', deptIds).execute() : [],
    staffIds.length ? db.selectFrom('staff').select(['id', 'name']).where('id', 'in', staffIds).execute() : [],
  ]);
  return { calendar: new Map(calendars.map((c) => [c.id, c.name])), department: new Map(departments.map((d) => [d.id, d.name])), staff: new Map(staff.map((s) => [s.id, s.name])) };
}

function versionFields(v: VersionRow, names: Awaited<ReturnType<typeof loadNames>>) {
  return {
    name: v.name,
    level: v.level,
    appliesTo: v.applies_to,
    // Stored events were checked against CLOCK_EVENTS when the version was written.
    startEvent: v.start_event as ClockEvent,
    stopEvent: v.stop_event as ClockEvent,
    pauseOnWait: v.pause_on_wait,
    targetValue: v.target_value,
    targetUnit: v.target_unit,
    targetMinutes: v.target_minutes,
    calendarId: v.calendar_id,
    calendarName: names.calendar.get(v.calendar_id) ?? null,
    warnShare: Number(v.warn_share),
    responsible: v.responsible.kind === 'department' ? { ...v.responsible, departmentName: names.department.get(v.responsible.departmentId) ?? null } : v.responsible,
    stageKind: v.stage_kind,
    escalateAfterMinutes: v.escalate_after_minutes,
  };
}

/** Commitments with their current versions (all, or those in `ids`), in tree order. */
export async function loadCommitmentViews(db: Db, ids?: number[]): Promise<CommitmentView[]> {
  let q = db
    .selectFrom('commitments as c')
    .innerJoin('commitment_versions as v', (j) => j.onRef('v.commitment_id', '=', 'c.id').onRef('v.version', '=', 'c.current_version'))
    .selectAll('v')
    .select(['c.id', 'c.parent_id', 'c.position', 'c.current_version', 'c.active', 'c.created_at as c_created_at', 'c.updated_at as c_updated_at']);
  if (ids) q = q.where('c.id', 'in', ids);
  const rows = await q.orderBy('v.level').orderBy('c.parent_id').orderBy('c.position').orderBy('c.id').execute();
  const names = await loadNames(db, rows as unknown as VersionRow[]);
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    position: r.position,
    active: r.active,
    currentVersion: r.current_version,
    ...versionFields(r as unknown as VersionRow, names),
    createdAt: r.c_created_at.toISOString(),
    updatedAt: r.c_updated_at.toISOString(),
  }));
}

/** Every commitment (active or not) with its current version: the client builds the tree from parentId and position. */
export async function listCommitments(db: Db, ctx: RequestContext): Promise<CommitmentView[]> {
  requireStaff(ctx);
  return loadCommitmentViews(db);
}

export async function getCommitment(db: Db, ctx: RequestContext, id: number): Promise<CommitmentDetail> {
  requireStaff(ctx);
  const [view] = await loadCommitmentViews(db, [id]);
  if (!view) throw notFound(`No commitment with id ${id}`);
  const versions = (await db.selectFrom('commitment_versions').selectAll().where('commitment_id', '=', id).orderBy('version', 'desc').execute()) as unknown as VersionRow[];
  const names = await loadNames(db, versions);
  return {
    ...view,
    versions: versions.map((v) => ({
      version: v.version,
      ...versionFields(v, names),
      createdAt: v.created_at.toISOString(),
      createdBy: v.created_by,
      createdByName: v.created_by === null ? null : (names.staff.get(v.created_by) ?? null),
    })),
  };
}

// Clocks

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A ticket's clocks, level-1 clocks and their stages in the order they started; 404 for a ticket the reader may not see. */
export async function listTicketClocks(db: Db, ctx: RequestContext, { ticketId, nowMs }: { ticketId: number; nowMs: number }): Promise<ClockView[]> {
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
