import { sql } from 'kysely';
import type { CareEntryDetail, CareEntryPage, CareEntryView, CareVisitPage, CareVisitView, ListCareEntriesQuery, ListCareVisitsQuery, VisitPlanView, VisitorSummary } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage } from '../../db/queries/keyset.ts';
import { CARE_REASONS, type CareReason } from '../../domain/care/care-rules.ts';
import { nextVisitDate } from '../../domain/care/visit-schedule.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { DomainValidationError } from '../../domain/shared/domain-validation-error.ts';
import type { TicketStatus } from '../../domain/tickets/ticket-state.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { dateText, iso, loadToday, timeText } from './care-common.ts';

/** The read side of special care: the register, its entries' plans and the visits, as the contract's views. */

/** Ticket statuses in which an unrecorded visit no longer counts as owed (closed or refused by hand, or resolved otherwise). */
const SETTLED = ['resolved', 'called_back', 'closed', 'refused'] as const;

function entryQuery(db: Db) {
  return db
    .selectFrom('care_entries as e')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .leftJoin('staff as reg', 'reg.id', 'e.registered_by')
    .leftJoin('staff as closer', 'closer.id', 'e.closed_by')
    .select([
      'e.id', 'e.customer_id', 'c.name as customer_name', 'c.phones as customer_phones', 'e.reasons', 'e.note', dateText('e.since').as('since'), 'e.registered_by',
      'reg.name as registered_by_name', 'e.active', 'e.closed_reason', 'e.closed_at', 'closer.name as closed_by_name', 'e.version', 'e.created_at',
    ]);
}

type EntryRow = NonNullable<Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirst']>>>;

const toEntryView = (r: EntryRow): CareEntryView => ({
  id: r.id, customerId: r.customer_id, customerName: r.customer_name, customerPhones: r.customer_phones, reasons: r.reasons as CareReason[], note: r.note,
  since: r.since, registeredById: r.registered_by, registeredByName: r.registered_by_name, active: r.active, closedReason: r.closed_reason,
  closedAt: iso(r.closed_at), closedByName: r.closed_by_name, version: r.version, createdAt: r.created_at.toISOString(),
});

function planQuery(db: Db) {
  return db
    .selectFrom('care_visit_plans as p')
    .leftJoin('staff as vs', 'vs.id', 'p.visitor_staff_id')
    .leftJoin('departments as vd', 'vd.id', 'p.visitor_department_id')
    .select([
      'p.id', 'p.entry_id', 'p.interval_unit', 'p.interval_count', dateText('p.starts_on').as('starts_on'), 'p.preferred_weekday', timeText('p.preferred_from').as('preferred_from'),
      timeText('p.preferred_until').as('preferred_until'), 'p.preferred_note', 'p.visitor_staff_id', 'vs.name as visitor_staff_name', 'p.visitor_department_id',
      'vd.name as visitor_department_name', 'p.active', 'p.version',
    ]);
}

type PlanRow = NonNullable<Awaited<ReturnType<ReturnType<typeof planQuery>['executeTakeFirst']>>>;

function toPlanView(r: PlanRow, today: string): VisitPlanView {
  const schedule = { unit: r.interval_unit, every: r.interval_count, startsOn: r.starts_on };
  return {
    id: r.id, entryId: r.entry_id, unit: r.interval_unit, every: r.interval_count, startsOn: r.starts_on, preferredWeekday: r.preferred_weekday,
    preferredFrom: r.preferred_from, preferredUntil: r.preferred_until, preferredNote: r.preferred_note, visitorStaffId: r.visitor_staff_id,
    visitorStaffName: r.visitor_staff_name, visitorDepartmentId: r.visitor_department_id, visitorDepartmentName: r.visitor_department_name, active: r.active,
    nextVisitOn: r.active ? nextVisitDate(schedule, today) : null, version: r.version,
  };
}

/** One plan as answered after a change. */
export async function getVisitPlanView(db: Db, input: { id: number; nowMs: number }): Promise<VisitPlanView> {
  return toPlanView(await planQuery(db).where('p.id', '=', input.id).executeTakeFirstOrThrow(), await loadToday(db, input.nowMs));
}

function visitQuery(db: Db) {
  return db
    .selectFrom('care_visits as v')
    .innerJoin('customers as c', 'c.id', 'v.customer_id')
    .innerJoin('care_visit_plans as p', 'p.id', 'v.plan_id')
    .leftJoin('tickets as t', 't.id', 'v.ticket_id')
    .leftJoin('staff as o', 'o.id', 't.owner_id')
    .leftJoin('departments as od', 'od.id', 't.owner_department_id')
    .leftJoin('departments as vd', 'vd.id', 'v.visitor_department_id')
    .leftJoin('staff as rb', 'rb.id', 'v.recorded_by')
    .leftJoin('tickets as fu', 'fu.id', 'v.follow_up_ticket_id')
    .select([
      'v.id', 'v.plan_id', 'v.entry_id', 'v.customer_id', 'c.name as customer_name', 'c.phones as customer_phones', dateText('v.planned_for').as('planned_for'),
      'v.ticket_id', 't.number as ticket_number', 't.status as ticket_status', 't.version as ticket_version', 't.owner_id', 'o.name as owner_name', 't.handler_id',
      't.owner_department_id', 'od.name as owner_department_name', 'v.visitor_staff_id', 'v.visitor_department_id', 'vd.name as visitor_department_name',
      'p.preferred_weekday', timeText('p.preferred_from').as('preferred_from'), timeText('p.preferred_until').as('preferred_until'), 'p.preferred_note',
      'v.recorded_at', 'rb.name as recorded_by_name', 'v.visited_at', 'v.findings', 'v.customer_confirmed', 'v.customer_comment', 'v.follow_up_ticket_id', 'fu.number as follow_up_number',
    ]);
}

type VisitRow = NonNullable<Awaited<ReturnType<ReturnType<typeof visitQuery>['executeTakeFirst']>>>;

const dayMs = 86_400_000;

function toVisitView(r: VisitRow, today: string): CareVisitView {
  const owed = r.recorded_at === null && !(SETTLED as readonly (string | null)[]).includes(r.ticket_status);
  const daysOverdue = owed && r.planned_for < today ? Math.round((Date.parse(today) - Date.parse(r.planned_for)) / dayMs) : 0;
  return {
    id: r.id, planId: r.plan_id, entryId: r.entry_id, customerId: r.customer_id, customerName: r.customer_name, customerPhones: r.customer_phones, plannedFor: r.planned_for,
    daysOverdue, ticketId: r.ticket_id, ticketNumber: r.ticket_number, ticketStatus: r.ticket_status as TicketStatus | null, ticketVersion: r.ticket_version, ownerId: r.owner_id, ownerName: r.owner_name,
    handlerId: r.handler_id, visitorStaffId: r.visitor_staff_id, visitorDepartmentId: r.visitor_department_id, visitorDepartmentName: r.visitor_department_name,
    preferredWeekday: r.preferred_weekday, preferredFrom: r.preferred_from, preferredUntil: r.preferred_until, preferredNote: r.preferred_note,
    recordedAt: iso(r.recorded_at), recordedByName: r.recorded_by_name, visitedAt: iso(r.visited_at), findings: r.findings, customerConfirmed: r.customer_confirmed,
    customerComment: r.customer_comment, followUpTicketId: r.follow_up_ticket_id, followUpTicketNumber: r.follow_up_number,
  };
}

/** One entry with its plans and visit history; every staff member may read it. */
export async function getCareEntry(db: Db, ctx: RequestContext, input: { id: number; nowMs: number }): Promise<CareEntryDetail> {
  requireStaff(ctx);
  const { id, nowMs } = input;
  const row = await entryQuery(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`No special-care entry with id ${id}`);
  const today = await loadToday(db, nowMs);
  const [plans, visits] = await Promise.all([
    planQuery(db).where('p.entry_id', '=', id).orderBy('p.id').execute(),
    listCareVisits(db, ctx, { view: 'all', entryId: id, limit: 500, nowMs }),
  ]);
  const canEdit = ['admin', 'office', 'supervisor'].some((r) => ctx.actor.kind === 'staff' && ctx.actor.roles.includes(r as 'admin'));
  return { ...toEntryView(row), plans: plans.map((p) => toPlanView(p, today)), visits: visits.items, canEdit };
}

/** The register, newest first, filtered by reason, open/closed, visitor or customer. */
export async function listCareEntries(db: Db, ctx: RequestContext, query: ListCareEntriesQuery & { nowMs: number }): Promise<CareEntryPage> {
  requireStaff(ctx);
  const { nowMs } = query;
  const limit = query.limit ?? 50;
  if (query.reason !== undefined && !(CARE_REASONS as readonly string[]).includes(query.reason)) throw new DomainValidationError('reason', `"reason" must be one of ${CARE_REASONS.join(', ')}`);
  let q = entryQuery(db);
  if (query.reason) q = q.where(sql<boolean>`e.reasons @> array[${query.reason}]::text[]`);
  if (query.active !== undefined) q = q.where('e.active', '=', query.active);
  if (query.customerId) q = q.where('e.customer_id', '=', query.customerId);
  if (query.q?.trim()) q = q.where('c.name', 'ilike', `%${query.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (query.visitorStaffId || query.visitorDepartmentId) {
    q = q.where((eb) => eb.exists(eb.selectFrom('care_visit_plans as vp').select('vp.id').whereRef('vp.entry_id', '=', 'e.id').where('vp.active', '=', true)
      .where((w) => (query.visitorStaffId ? w('vp.visitor_staff_id', '=', query.visitorStaffId) : w('vp.visitor_department_id', '=', query.visitorDepartmentId!)))));
  }
  const cursor = decodeCursor(query.cursor, 1);
  if (cursor) q = q.where('e.id', '<', Number(cursor[0]));
  const rows = await q.orderBy('e.id', 'desc').limit(limit + 1).execute();
  const page = toPage(rows, limit, (r) => [r.id]);
  const ids = page.items.map((r) => r.id);
  const today = await loadToday(db, nowMs);
  const [plans, overdue] = ids.length === 0 ? [[], []] : await Promise.all([
    planQuery(db).where('p.entry_id', 'in', ids).where('p.active', '=', true).execute(),
    db.selectFrom('care_visits as v').innerJoin('tickets as t', 't.id', 'v.ticket_id').select(['v.entry_id', db.fn.countAll<number>().as('n')])
      .where('v.entry_id', 'in', ids).where('v.recorded_at', 'is', null).where('v.planned_for', '<', today).where('t.status', 'not in', ['resolved', 'called_back', 'closed', 'refused'])
      .groupBy('v.entry_id').execute(),
  ]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => {
      const mine = plans.filter((p) => p.entry_id === r.id).map((p) => toPlanView(p, today));
      const next = mine.map((p) => p.nextVisitOn).filter((d): d is string => d !== null).sort()[0] ?? null;
      return {
        ...toEntryView(r),
        visitors: [...new Set(mine.map((p) => p.visitorStaffName ?? p.visitorDepartmentName ?? ''))].filter(Boolean),
        nextVisitOn: next,
        overdueVisits: Number(overdue.find((o) => o.entry_id === r.id)?.n ?? 0),
      };
    }),
  };
}

/**
 * Visits: `upcoming` (owed, today or later, soonest first), `overdue` (owed and past their planned
 * date, oldest first, with a count per visitor and department), `recorded`, or `all`.
 */
export async function listCareVisits(db: Db, ctx: RequestContext, query: ListCareVisitsQuery & { nowMs: number }): Promise<CareVisitPage> {
  requireStaff(ctx);
  const { nowMs } = query;
  const view = query.view ?? 'upcoming';
  const limit = query.limit ?? 100;
  const today = await loadToday(db, nowMs);
  let q = visitQuery(db);
  const owed = (qb: typeof q) => qb.where('v.recorded_at', 'is', null).where((eb) => eb.or([eb('t.status', 'is', null), eb('t.status', 'not in', [...SETTLED])]));
  if (view === 'upcoming') q = owed(q).where('v.planned_for', '>=', today);
  if (view === 'overdue') q = owed(q).where('v.planned_for', '<', today);
  if (view === 'recorded') q = q.where('v.recorded_at', 'is not', null);
  if (query.visitorId) q = q.where((eb) => eb.or([eb('t.owner_id', '=', query.visitorId!), eb('t.handler_id', '=', query.visitorId!)]));
  if (query.departmentId) q = q.where((eb) => eb.or([eb('t.owner_department_id', '=', query.departmentId!), eb('v.visitor_department_id', '=', query.departmentId!)]));
  if (query.entryId) q = q.where('v.entry_id', '=', query.entryId);
  if (query.customerId) q = q.where('v.customer_id', '=', query.customerId);
  const descending = view === 'recorded' || view === 'all';
  const cursor = decodeCursor(query.cursor, 2);
  if (cursor) {
    const [date, id] = [String(cursor[0]), Number(cursor[1])];
    q = q.where((eb) => descending
      ? eb.or([eb('v.planned_for', '<', date), eb.and([eb('v.planned_for', '=', date), eb('v.id', '<', id)])])
      : eb.or([eb('v.planned_for', '>', date), eb.and([eb('v.planned_for', '=', date), eb('v.id', '>', id)])]));
  }
  const rows = await q.orderBy('v.planned_for', descending ? 'desc' : 'asc').orderBy('v.id', descending ? 'desc' : 'asc').limit(limit + 1).execute();
  const page = toPage(rows, limit, (r) => [r.planned_for, r.id]);
  let byVisitor: VisitorSummary[] = [];
  if (view === 'overdue') {
    let s = owed(visitQuery(db)).where('v.planned_for', '<', today);
    if (query.departmentId) s = s.where((eb) => eb.or([eb('t.owner_department_id', '=', query.departmentId!), eb('v.visitor_department_id', '=', query.departmentId!)]));
    const counts = await s.clearSelect()
      .select(['t.owner_id', 'o.name as owner_name', 't.owner_department_id', 'od.name as owner_department_name', db.fn.countAll<number>().as('n')])
      .groupBy(['t.owner_id', 'o.name', 't.owner_department_id', 'od.name']).orderBy('n', 'desc').execute();
    byVisitor = counts.map((c) => ({ staffId: c.owner_id, staffName: c.owner_name, departmentId: c.owner_department_id, departmentName: c.owner_department_name, count: Number(c.n) }));
  }
  return { items: page.items.map((r) => toVisitView(r, today)), nextCursor: page.nextCursor, byVisitor };
}

/** One visit. */
export async function getCareVisit(db: Db, ctx: RequestContext, input: { id: number; nowMs: number }): Promise<CareVisitView> {
  requireStaff(ctx);
  const { id, nowMs } = input;
  const row = await visitQuery(db).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`No special-care visit with id ${id}`);
  return toVisitView(row, await loadToday(db, nowMs));
}
