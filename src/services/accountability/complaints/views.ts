import type { Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { decodeCursor, toPage } from '../../../db/queries/keyset.ts';
import type { ComplaintsTable } from '../../../db/schema.ts';
import { getComplaintAccess, type ComplaintViewer } from '../../../domain/accountability/can-view-complaint.ts';
import { isComplainant, listComplaintActions, toComplainantStatus, type ComplaintActor, type ComplaintState } from '../../../domain/accountability/decide-complaint-action.ts';
import type { ComplaintAccessLevel } from '../../../domain/accountability/value-lists.ts';
import { notFound } from '../../../domain/shared/domain-error.ts';
import type { CustomerActor, RequestContext } from '../../context.ts';
import { loadAccountabilityViewer, type LoadedViewer } from '../load-accountability-viewer.ts';
import type { ComplaintEventView, ComplaintList, ComplaintView, ListComplaintsQuery } from '../../../contracts/complaints.ts';
import type { PortalComplaintList, PortalComplaintListQuery, PortalComplaintView } from '../../../contracts/portal-complaints.ts';

export type { ComplaintEventView, ComplaintEvidenceView, ComplaintListItem, ComplaintView, ListComplaintsQuery } from '../../../contracts/complaints.ts';
export type { PortalComplaintListItem, PortalComplaintView } from '../../../contracts/portal-complaints.ts';

type ComplaintRow = Selectable<ComplaintsTable>;
export type CustomerContext = RequestContext & { actor: CustomerActor };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A complaint with the names of everyone it mentions: what every view of it reads. */
export function selectComplaints(db: Db) {
  return db
    .selectFrom('complaints')
    .leftJoin('customers', 'customers.id', 'complaints.customer_id')
    .leftJoin('staff as complainant', 'complainant.id', 'complaints.complainant_staff_id')
    .leftJoin('staff as subject', 'subject.id', 'complaints.subject_staff_id')
    .leftJoin('departments as sdept', 'sdept.id', 'complaints.subject_department_id')
    .leftJoin('tickets', 'tickets.id', 'complaints.ticket_id')
    .leftJoin('staff as registrar', 'registrar.id', 'complaints.registered_by')
    .leftJoin('staff as investigator', 'investigator.id', 'complaints.investigator_id')
    .leftJoin('staff as decider', 'decider.id', 'complaints.decided_by')
    .selectAll('complaints')
    .select([
      'customers.name as customer_name', 'complainant.name as complainant_staff_name', 'subject.name as subject_name', 'sdept.name as subject_department_name',
      'tickets.number as ticket_number', 'registrar.name as registrar_name', 'investigator.name as investigator_name', 'decider.name as decider_name',
    ]);
}

type JoinedRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectComplaints>['executeTakeFirst']>>>;

/** What the pure complaint rules need to know about a stored complaint. */
export function toComplaintState(r: Pick<ComplaintRow, 'status' | 'source' | 'customer_id' | 'complainant_staff_id' | 'subject_staff_id' | 'ticket_id' | 'kind' | 'investigator_id' | 'findings' | 'appealed_at' | 'verified_at' | 'responded_at' | 'response_due_at'>): ComplaintState {
  return {
    status: r.status, source: r.source, customerId: r.customer_id, complainantStaffId: r.complainant_staff_id, subjectStaffId: r.subject_staff_id,
    ticketId: r.ticket_id, kind: r.kind, investigatorId: r.investigator_id, findings: r.findings, appealedAtMs: r.appealed_at?.getTime() ?? null,
    verifiedAtMs: r.verified_at?.getTime() ?? null, respondedAtMs: r.responded_at?.getTime() ?? null, responseDueAtMs: r.response_due_at?.getTime() ?? null,
  };
}

/** How much of a stored complaint someone may see; null when nothing. */
export function getRowAccess(r: Pick<ComplaintRow, 'customer_id' | 'complainant_staff_id' | 'registered_by' | 'subject_staff_id' | 'subject_department_id' | 'investigator_id'>, who: ComplaintViewer) {
  return getComplaintAccess(
    { customerId: r.customer_id, complainantStaffId: r.complainant_staff_id, registeredBy: r.registered_by, subjectStaffId: r.subject_staff_id, subjectDepartmentId: r.subject_department_id, investigatorId: r.investigator_id },
    who,
  );
}

export const toStaffActor = (viewer: LoadedViewer): ComplaintActor => ({ kind: 'staff', id: viewer.id, isOffice: viewer.isOffice });
export const toCustomerViewer = (ctx: CustomerContext): ComplaintViewer => ({ kind: 'customer', customerId: ctx.actor.id });
export const toCustomerActor = (ctx: CustomerContext): ComplaintActor => ({ kind: 'customer', customerId: ctx.actor.id });

async function loadEvents(db: Db, id: number, complainantOnly: boolean): Promise<ComplaintEventView[]> {
  let q = db
    .selectFrom('complaint_events')
    .leftJoin('staff', (j) => j.onRef('staff.id', '=', 'complaint_events.actor_id').on('complaint_events.actor_kind', '=', 'staff'))
    .leftJoin('customers', (j) => j.onRef('customers.id', '=', 'complaint_events.actor_id').on('complaint_events.actor_kind', '=', 'customer'))
    .select(['complaint_events.id', 'complaint_events.type', 'complaint_events.at', 'complaint_events.actor_kind', 'complaint_events.payload', 'staff.name as staff_name', 'customers.name as customer_name'])
    .where('complaint_events.complaint_id', '=', id);
  if (complainantOnly) q = q.where('complaint_events.visible_to_complainant', '=', true);
  const rows = await q.orderBy('complaint_events.id').execute();
  return rows.map((r) => ({ id: r.id, type: r.type, at: r.at.toISOString(), actorKind: r.actor_kind, actorName: r.staff_name ?? r.customer_name, payload: r.payload }));
}

async function toComplaintView(db: Db, r: JoinedRow, access: ComplaintAccessLevel, actor: ComplaintActor): Promise<ComplaintView> {
  const full = access === 'full';
  const [events, evidence] = await Promise.all([
    loadEvents(db, r.id, !full),
    full
      ? db.selectFrom('complaint_evidence').leftJoin('tickets', 'tickets.id', 'complaint_evidence.ticket_id').leftJoin('staff', 'staff.id', 'complaint_evidence.added_by')
        .select(['complaint_evidence.id', 'complaint_evidence.kind', 'complaint_evidence.description', 'complaint_evidence.ticket_id', 'tickets.number', 'complaint_evidence.url', 'staff.name', 'complaint_evidence.added_at'])
        .where('complaint_evidence.complaint_id', '=', r.id).orderBy('complaint_evidence.id').execute()
      : Promise.resolve([]),
  ]);
  const internal = <T>(value: T): T | null => (full ? value : null);
  return {
    id: r.id, access, source: r.source, status: r.status, kind: r.kind, summary: r.summary, description: r.description, receivedAt: r.received_at.toISOString(),
    customerId: r.customer_id, customerName: r.customer_name, complainantStaffId: r.complainant_staff_id, complainantStaffName: r.complainant_staff_name,
    complainantName: r.complainant_name, complainantContact: r.complainant_contact, subjectStaffId: r.subject_staff_id, subjectName: r.subject_name,
    subjectDepartmentId: r.subject_department_id, subjectDepartmentName: r.subject_department_name, subjectDescription: r.subject_description,
    ticketId: r.ticket_id, ticketNumber: r.ticket_number, registeredByName: r.registrar_name, investigatorId: internal(r.investigator_id),
    investigatorName: internal(r.investigator_name), findings: internal(r.findings), response: internal(r.response), respondedAt: internal(iso(r.responded_at)),
    responseDueAt: internal(iso(r.response_due_at)), earlyDecisionReason: internal(r.early_decision_reason),
    severity: internal(r.severity), decisionReason: internal(r.decision_reason), customerMessage: r.customer_message, decidedAt: iso(r.decided_at),
    decidedByName: internal(r.decider_name), verifiedAt: iso(r.verified_at), appealReason: internal(r.appeal_reason), appealedAt: iso(r.appealed_at), appealedByKind: r.appealed_by_kind,
    appealDecisionReason: internal(r.appeal_decision_reason), appealDecidedAt: iso(r.appeal_decided_at), version: r.version,
    actions: listComplaintActions(toComplaintState(r), actor),
    events,
    evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, description: e.description, ticketId: e.ticket_id, ticketNumber: e.number, url: e.url, addedByName: e.name, addedAt: e.added_at.toISOString() })),
  };
}

/** One complaint as the signed-in staff member may see it; 404 when they may not see it at all. */
export async function getComplaint(db: Db, ctx: RequestContext, input: { id: number }): Promise<ComplaintView> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const row = await selectComplaints(db).where('complaints.id', '=', input.id).executeTakeFirst();
  const access = row ? getRowAccess(row, { kind: 'staff', viewer }) : null;
  if (!row || !access) throw notFound(`No complaint with id ${input.id}`);
  return toComplaintView(db, row, access, toStaffActor(viewer));
}

/** Complaints the viewer may see, newest first: the office and admins all; others those they filed, investigate, are about them or their people. */
export async function listComplaints(db: Db, ctx: RequestContext, query: ListComplaintsQuery): Promise<ComplaintList> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const limit = query.limit ?? 50;
  let q = selectComplaints(db);
  if (!viewer.isOffice && !viewer.isAdmin) {
    q = q.where((eb) => eb.or([
      eb('complaints.subject_staff_id', '=', viewer.id),
      eb('complaints.investigator_id', '=', viewer.id),
      eb('complaints.complainant_staff_id', '=', viewer.id),
      eb('complaints.registered_by', '=', viewer.id),
      ...(viewer.overseenDepartmentIds.length ? [eb('complaints.subject_department_id', 'in', viewer.overseenDepartmentIds)] : []),
    ]));
  }
  switch (query.view ?? 'all') {
    case 'about_me':
      q = q.where('complaints.subject_staff_id', '=', viewer.id);
      break;
    case 'filed_by_me':
      q = q.where((eb) => eb.or([eb('complaints.complainant_staff_id', '=', viewer.id), eb('complaints.registered_by', '=', viewer.id)]));
      break;
    case 'assigned_to_me':
      q = q.where('complaints.investigator_id', '=', viewer.id);
      break;
    default:
      break;
  }
  if (query.status) q = q.where('complaints.status', '=', query.status);
  if (query.personId) q = q.where('complaints.subject_staff_id', '=', query.personId);
  const after = decodeCursor(query.cursor, 1);
  if (after) q = q.where('complaints.id', '<', Number(after[0]));
  const rows = await q.orderBy('complaints.id', 'desc').limit(limit + 1).execute();
  return toPage(
    rows.map((r) => ({
      id: r.id, source: r.source, status: r.status, kind: r.kind, summary: r.summary, complainant: r.customer_name ?? r.complainant_staff_name ?? r.complainant_name,
      subjectStaffId: r.subject_staff_id, subjectName: r.subject_name, subjectDepartmentName: r.subject_department_name, ticketNumber: r.ticket_number,
      investigatorName: getRowAccess(r, { kind: 'staff', viewer }) === 'full' ? r.investigator_name : null, receivedAt: r.received_at.toISOString(),
    })),
    limit,
    (c) => [c.id],
  );
}

// ---- the customer's side, on the portal ----

function toPortalView(r: JoinedRow, events: ComplaintEventView[], ctx: CustomerContext): PortalComplaintView {
  const state = toComplaintState(r);
  return {
    id: r.id, status: toComplainantStatus(r.status), summary: r.summary, description: r.description, ticketId: r.ticket_id, ticketNumber: r.ticket_number,
    receivedAt: r.received_at.toISOString(), customerMessage: r.customer_message, appealedAt: iso(r.appealed_at),
    canAppeal: listComplaintActions(state, toCustomerActor(ctx)).includes('appeal') && isComplainant(state, toCustomerActor(ctx)),
    events: events.map((e) => ({ id: e.id, type: e.type, at: e.at, payload: e.payload })),
    version: r.version,
  };
}

/** One of the customer's own complaints with its complainant-visible history; anyone else's is a 404. */
export async function getPortalComplaint(db: Db, ctx: CustomerContext, input: { id: number }): Promise<PortalComplaintView> {
  const row = await selectComplaints(db).where('complaints.id', '=', input.id).executeTakeFirst();
  if (!row || getRowAccess(row, toCustomerViewer(ctx)) !== 'complainant') throw notFound(`No complaint with id ${input.id}`);
  return toPortalView(row, await loadEvents(db, input.id, true), ctx);
}

/** My complaints, newest first. */
export async function listPortalComplaints(db: Db, ctx: CustomerContext, query: PortalComplaintListQuery): Promise<PortalComplaintList> {
  const limit = query.limit ?? 20;
  let q = selectComplaints(db).where('complaints.customer_id', '=', ctx.actor.id);
  const after = decodeCursor(query.cursor, 1);
  if (after) q = q.where('complaints.id', '<', Number(after[0]));
  const rows = await q.orderBy('complaints.id', 'desc').limit(limit + 1).execute();
  return toPage(rows.map((r) => {
    const { events: _events, ...rest } = toPortalView(r, [], ctx);
    return rest;
  }), limit, (c) => [c.id]);
}
