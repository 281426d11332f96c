import { sql } from 'kysely';
import type { Customer360, Customer360ComplaintRow, Customer360SurveyRow, Customer360TicketRow, TimelineItem } from '../../contracts/customers.ts';
import type { CareVisitView } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { getComplaintAccess } from '../../domain/accountability/can-view-complaint.ts';
import { summarizeSatisfactionByMonth } from '../../domain/customers/summarize-satisfaction-by-month.ts';
import { canViewTicket } from '../../domain/tickets/index.ts';
import type { TicketChannel, TicketStatus } from '../../domain/tickets/ticket-state.ts';
import { loadAccountabilityViewer } from '../accountability/load-accountability-viewer.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadCompanyTimeZone } from '../settings/company-settings.ts';
import { loadStaffTicketActor } from '../tickets/load-ticket-actor.ts';
import { listAccountTeam, listContacts, loadCustomerRow, toCustomerView } from './views.ts';

/** Statuses after which a ticket is the customer's past, not an open matter. */
const PAST_STATUSES = new Set(['resolved', 'called_back', 'closed', 'refused']);
const TICKET_LIMIT = 200;
const LIST_LIMIT = 50;
const TIMELINE_LIMIT = 100;
const TREND_MONTHS = 24;

/**
 * A section another part of the product adds to the 360 page (the special-care helper's visits):
 * it loads its rows and its timeline entries for one customer. Register it in CUSTOMER_360_SECTIONS.
 */
export interface Customer360Section {
  key: string;
  load(db: Db, ctx: RequestContext, input: { customerId: number; nowMs: number }): Promise<{ items: unknown[]; timeline: TimelineItem[] }>;
}

/** Extension point: sections appear under `sections[key]` and their entries join the timeline. */
export const CUSTOMER_360_SECTIONS: Customer360Section[] = [];

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * Everything about one customer on one page. Any staff member may open it; the tickets and
 * complaints in it follow their own visibility rules (those hidden are counted, not shown).
 */
export async function getCustomer360(db: Db, ctx: RequestContext, input: { id: number; nowMs: number }): Promise<Customer360> {
  requireStaff(ctx);
  const { id, nowMs } = input;
  const row = await loadCustomerRow(db, id);
  const [ticketActor, complaintViewer, timeZone] = await Promise.all([loadStaffTicketActor(db, ctx), loadAccountabilityViewer(db, ctx), loadCompanyTimeZone(db)]);

  const [parent, members, contacts, team, tickets, ticketTotal, surveys, complaints, clocks, trendPoints] = await Promise.all([
    row.parent_id ? db.selectFrom('customers').select(['id', 'name']).where('id', '=', row.parent_id).executeTakeFirst() : Promise.resolve(undefined),
    db.selectFrom('customers').select(['id', 'name', 'kind']).where('parent_id', '=', id).where('merged_into_id', 'is', null).orderBy('name').limit(LIST_LIMIT).execute(),
    listContacts(db, ctx, { customerId: id }),
    listAccountTeam(db, ctx, { customerId: id }),
    db.selectFrom('tickets')
      .select(['id', 'number', 'subject', 'status', 'channel', 'created_at', 'resolved_at', 'closed_at', 'satisfaction', 'customer_id', 'owner_id', 'owner_department_id', 'handler_id', 'handler_department_id', 'escalated_to_id'])
      .where('customer_id', '=', id).orderBy('id', 'desc').limit(TICKET_LIMIT).execute(),
    db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('surveys').leftJoin('tickets', 'tickets.id', 'surveys.ticket_id')
      .select(['surveys.id', 'surveys.ticket_id', 'tickets.number', 'surveys.status', 'surveys.satisfaction', 'surveys.comment', 'surveys.due_at', 'surveys.answered_at'])
      .where('surveys.customer_id', '=', id).orderBy('surveys.id', 'desc').limit(LIST_LIMIT).execute(),
    db.selectFrom('complaints')
      .select(['id', 'summary', 'kind', 'status', 'received_at', 'customer_id', 'complainant_staff_id', 'registered_by', 'subject_staff_id', 'subject_department_id', 'investigator_id'])
      .where('customer_id', '=', id).orderBy('id', 'desc').limit(LIST_LIMIT).execute(),
    // Level-1 clocks are the promises made to the customer; stage clocks are internal.
    sql<{ state: string; late: boolean; n: string }>`
      select c.state, (c.state = 'breached' and c.stopped_at is not null) as late, count(*)::text as n
      from clocks c join tickets t on t.id = c.ticket_id
      where t.customer_id = ${id}::bigint and c.parent_clock_id is null group by 1, 2`.execute(db),
    db.selectFrom('surveys').select(['answered_at', 'satisfaction']).where('customer_id', '=', id).where('status', '=', 'answered')
      .where('answered_at', '>', sql<Date>`now() - make_interval(months => ${TREND_MONTHS})`).execute(),
  ]);

  const visibleTickets = tickets.filter((t) => canViewTicket({
    status: t.status as never, customerId: t.customer_id, ownerId: t.owner_id, ownerDepartmentId: t.owner_department_id,
    handlerId: t.handler_id, handlerDepartmentId: t.handler_department_id, escalatedToId: t.escalated_to_id,
  }, ticketActor));
  const ticketRows: Customer360TicketRow[] = visibleTickets.map((t) => ({ id: t.id, number: t.number, subject: t.subject, status: t.status as TicketStatus, channel: t.channel as TicketChannel, createdAt: iso(t.created_at)!, resolvedAt: iso(t.resolved_at), satisfaction: t.satisfaction }));
  const visibleComplaints = complaints.filter((c) => getComplaintAccess({
    customerId: c.customer_id, complainantStaffId: c.complainant_staff_id, registeredBy: c.registered_by, subjectStaffId: c.subject_staff_id,
    subjectDepartmentId: c.subject_department_id, investigatorId: c.investigator_id,
  }, { kind: 'staff', viewer: complaintViewer }) !== null);
  const visibleTicketIds = new Set(visibleTickets.map((t) => t.id));
  // A survey is about a ticket: shown when the ticket is (or when it has none).
  const surveyRows: Customer360SurveyRow[] = surveys.filter((s) => s.ticket_id === null || visibleTicketIds.has(s.ticket_id) || !tickets.some((t) => t.id === s.ticket_id))
    .map((s) => ({ id: s.id, ticketId: s.ticket_id, ticketNumber: s.number, status: s.status, satisfaction: s.satisfaction, comment: s.comment, dueAt: iso(s.due_at)!, answeredAt: iso(s.answered_at) }));

  const count = (pred: (r: { state: string; late: boolean }) => boolean) => clocks.rows.filter(pred).reduce((n, r) => n + Number(r.n), 0);
  const met = count((r) => r.state === 'met');
  const metLate = count((r) => r.late);
  const breached = count((r) => r.state === 'breached' && !r.late);
  const running = count((r) => r.state === 'running' || r.state === 'paused');
  const decided = met + metLate + breached;

  const sections: Record<string, unknown[]> = {};
  const timeline: TimelineItem[] = [];
  for (const t of visibleTickets) {
    const ref = { type: 'ticket', id: t.id, label: t.number };
    timeline.push({ at: iso(t.created_at)!, kind: 'ticket_registered', ref, detail: t.subject });
    if (t.resolved_at) timeline.push({ at: iso(t.resolved_at)!, kind: 'ticket_resolved', ref, detail: t.subject });
    if (t.closed_at) timeline.push({ at: iso(t.closed_at)!, kind: 'ticket_closed', ref, detail: t.subject });
  }
  for (const s of surveyRows) {
    if (s.answeredAt) timeline.push({ at: s.answeredAt, kind: 'survey_answered', ref: { type: 'survey', id: s.id, label: s.ticketNumber ?? `#${s.id}` }, detail: s.satisfaction === null ? null : `${s.satisfaction}/5` });
  }
  for (const c of visibleComplaints) timeline.push({ at: iso(c.received_at)!, kind: 'complaint_received', ref: { type: 'complaint', id: c.id, label: `#${c.id}` }, detail: c.summary });
  for (const section of CUSTOMER_360_SECTIONS) {
    const loaded = await section.load(db, ctx, { customerId: id, nowMs });
    sections[section.key] = loaded.items;
    timeline.push(...loaded.timeline);
  }
  timeline.sort((a, b) => b.at.localeCompare(a.at));

  return {
    customer: toCustomerView(row),
    parent: parent ? { id: parent.id, name: parent.name } : null,
    members,
    contacts,
    team,
    tickets: {
      open: ticketRows.filter((t) => !PAST_STATUSES.has(t.status)),
      past: ticketRows.filter((t) => PAST_STATUSES.has(t.status)),
      hidden: tickets.length - visibleTickets.length,
      total: Number(ticketTotal.n),
    },
    surveys: surveyRows,
    complaints: { items: visibleComplaints.map((c): Customer360ComplaintRow => ({ id: c.id, summary: c.summary, kind: c.kind, status: c.status, receivedAt: iso(c.received_at)! })), hidden: complaints.length - visibleComplaints.length },
    // The special-care section (services/care/customer-360-visits.ts) fills `visits` with its visit views.
    visits: (sections.visits as CareVisitView[] | undefined) ?? null,
    sections,
    commitments: { met, metLate, breached, running, metShare: decided === 0 ? null : Math.round((met / decided) * 1000) / 1000 },
    satisfactionTrend: summarizeSatisfactionByMonth(
      trendPoints.filter((p) => p.answered_at && p.satisfaction !== null).map((p) => ({ atMs: new Date(p.answered_at!).getTime(), satisfaction: p.satisfaction! })),
      timeZone,
    ),
    timeline: timeline.slice(0, TIMELINE_LIMIT),
  };
}
