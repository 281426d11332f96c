import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { dateText, iso, loadToday, timeText } from './care-common.ts';

/** Ticket statuses in which an unrecorded visit no longer counts as owed (closed or refused by hand, or resolved otherwise). */
const SETTLED = ['resolved', 'called_back', 'closed', 'refused'] as const;

export const CARE_VISIT_VIEWS = ['upcoming', 'overdue', 'recorded', 'all'] as const;
export type CareVisitViewName = (typeof CARE_VISIT_VIEWS)[number];

export interface CareVisitView {
  id: number;
  planId: number;
  entryId: number;
  customerId: number;
  customerName: string;
  customerPhones: string[];
  plannedFor: string;
  /** Days past the planned date while still owed (0 when not overdue). */
  daysOverdue: number;
  ticketId: number | null;
  ticketNumber: string | null;
  ticketStatus: string | null;
  ticketVersion: number | null;
  /** Who owns or handles the visit ticket now: they record it. */
  ownerId: number | null;
  ownerName: string | null;
  handlerId: number | null;
  visitorStaffId: number | null;
  visitorDepartmentId: number | null;
  visitorDepartmentName: string | null;
  preferredWeekday: number | null;
  preferredFrom: string | null;
  preferredUntil: string | null;
  preferredNote: string;
  recordedAt: string | null;
  recordedByName: string | null;
  visitedAt: string | null;
  findings: string | null;
  customerConfirmed: boolean | null;
  customerComment: string | null;
  followUpTicketId: number | null;
  followUpTicketNumber: string | null;
}

export interface VisitorSummary {
  staffId: number | null;
  staffName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  count: number;
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
    daysOverdue, ticketId: r.ticket_id, ticketNumber: r.ticket_number, ticketStatus: r.ticket_status, ticketVersion: r.ticket_version, ownerId: r.owner_id, ownerName: r.owner_name,
    handlerId: r.handler_id, visitorStaffId: r.visitor_staff_id, visitorDepartmentId: r.visitor_department_id, visitorDepartmentName: r.visitor_department_name,
    preferredWeekday: r.preferred_weekday, preferredFrom: r.preferred_from, preferredUntil: r.preferred_until, preferredNote: r.preferred_note,
    recordedAt: iso(r.recorded_at), recordedByName: r.recorded_by_name, visitedAt: iso(r.visited_at), findings: r.findings, customerConfirmed: r.customer_confirmed,
    customerComment: r.customer_comment, followUpTicketId: r.follow_up_ticket_id, followUpTicketNumber: r.follow_up_number,
  };
}

export interface ListCareVisitsQuery {
  view?: CareVisitViewName;
  /** The visit ticket's owner (the visitor, or the head of a visiting department). */
  visitorId?: number;
  /** The visit ticket's owner department or the plan's visiting department. */
  departmentId?: number;
  entryId?: number;
  customerId?: number;
  limit?: number;
  cursor?: string;
}

/**
 * Visits: `upcoming` (owed, today or later, soonest first), `overdue` (owed and past their planned
 * date, oldest first, with a count per visitor and department), `recorded`, or `all`.
 */
export async function listCareVisits(db: Db, ctx: RequestContext, query: ListCareVisitsQuery, nowMs: number): Promise<Page<CareVisitView> & { byVisitor: VisitorSummary[] }> {
  requireStaff(ctx);
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

export async function getCareVisit(db: Db, ctx: RequestContext, id: number, nowMs: number): Promise<CareVisitView> {
  requireStaff(ctx);
  const row = await visitQuery(db).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`No special-care visit with id ${id}`);
  return toVisitView(row, await loadToday(db, nowMs));
}
