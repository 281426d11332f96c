import { sql, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import type { ComplaintsTable, Database } from '../../db/schema.ts';
import { getComplaintAccess, type ComplaintViewer } from '../../domain/accountability/can-view-complaint.ts';
import {
  COMPLAINT_KINDS,
  COMPLAINT_SOURCES,
  decideComplaintAction,
  isComplainant,
  listComplaintActions,
  toComplainantStatus,
  type ComplainantStatus,
  type ComplaintAction,
  type ComplaintActionType,
  type ComplaintActor,
  type ComplaintChanges,
  type ComplaintKind,
  type ComplaintSource,
  type ComplaintState,
  type ComplaintStatus,
} from '../../domain/accountability/decide-complaint-action.ts';
import { readText } from '../../domain/accountability/read-text.ts';
import { DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { CustomerActor, RequestContext } from '../context.ts';
import { createOnce } from '../idempotency.ts';
import { requireStaff } from '../org/require-role.ts';
import { reviewComplaintFlag } from './complaint-flags.ts';
import { dismissComplaintDeductions, proposeFromIncidents, reviseComplaintProposal } from './deductions.ts';
import { loadAccountabilityViewer, type LoadedViewer } from './load-accountability-viewer.ts';
import { toComplaintIncident } from './load-deduction-incidents.ts';

type ComplaintRow = Selectable<ComplaintsTable>;

export interface ComplaintEventView {
  id: number;
  type: string;
  at: string;
  actorKind: string;
  actorName: string | null;
  payload: Record<string, unknown>;
}

export interface ComplaintEvidenceView {
  id: number;
  kind: string;
  description: string;
  ticketId: number | null;
  ticketNumber: string | null;
  url: string | null;
  addedByName: string | null;
  addedAt: string;
}

/** A complaint as staff see it. With `access: 'complainant'` the investigation's internals are left out (null / empty). */
export interface ComplaintView {
  id: number;
  access: 'full' | 'complainant';
  source: ComplaintSource;
  status: ComplaintStatus;
  kind: ComplaintKind;
  summary: string;
  description: string;
  receivedAt: string;
  customerId: number | null;
  customerName: string | null;
  complainantStaffId: number | null;
  complainantStaffName: string | null;
  complainantName: string | null;
  complainantContact: string | null;
  subjectStaffId: number | null;
  subjectName: string | null;
  subjectDepartmentId: number | null;
  subjectDepartmentName: string | null;
  subjectDescription: string | null;
  ticketId: number | null;
  ticketNumber: string | null;
  registeredByName: string | null;
  investigatorId: number | null;
  investigatorName: string | null;
  findings: string | null;
  response: string | null;
  respondedAt: string | null;
  severity: 'minor' | 'serious' | null;
  decisionReason: string | null;
  customerMessage: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  /** When the verification that stands was made: what the three-complaint rule counts from. */
  verifiedAt: string | null;
  appealReason: string | null;
  appealedAt: string | null;
  appealedByKind: 'customer' | 'staff' | null;
  appealDecisionReason: string | null;
  appealDecidedAt: string | null;
  version: number;
  actions: ComplaintActionType[];
  events: ComplaintEventView[];
  evidence: ComplaintEvidenceView[];
}

export interface ComplaintListItem {
  id: number;
  source: ComplaintSource;
  status: ComplaintStatus;
  kind: ComplaintKind;
  summary: string;
  complainant: string | null;
  subjectStaffId: number | null;
  subjectName: string | null;
  subjectDepartmentName: string | null;
  ticketNumber: string | null;
  investigatorName: string | null;
  receivedAt: string;
}

/** A complaint as the customer who made it follows it on the portal: progress and outcome, never findings. */
export interface PortalComplaintView {
  id: number;
  status: ComplainantStatus;
  summary: string;
  description: string;
  ticketId: number | null;
  ticketNumber: string | null;
  receivedAt: string;
  customerMessage: string | null;
  appealedAt: string | null;
  canAppeal: boolean;
  events: { id: number; type: string; at: string; payload: Record<string, unknown> }[];
  version: number;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function complaintQuery(db: Db) {
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

type JoinedRow = NonNullable<Awaited<ReturnType<ReturnType<typeof complaintQuery>['executeTakeFirst']>>>;

function toState(r: Pick<ComplaintRow, 'status' | 'source' | 'customer_id' | 'complainant_staff_id' | 'subject_staff_id' | 'ticket_id' | 'kind' | 'investigator_id' | 'findings' | 'appealed_at' | 'verified_at'>): ComplaintState {
  return {
    status: r.status, source: r.source, customerId: r.customer_id, complainantStaffId: r.complainant_staff_id, subjectStaffId: r.subject_staff_id,
    ticketId: r.ticket_id, kind: r.kind, investigatorId: r.investigator_id, findings: r.findings, appealedAtMs: r.appealed_at?.getTime() ?? null,
    verifiedAtMs: r.verified_at?.getTime() ?? null,
  };
}

function accessOf(r: Pick<ComplaintRow, 'customer_id' | 'complainant_staff_id' | 'registered_by' | 'subject_staff_id' | 'subject_department_id' | 'investigator_id'>, who: ComplaintViewer) {
  return getComplaintAccess(
    { customerId: r.customer_id, complainantStaffId: r.complainant_staff_id, registeredBy: r.registered_by, subjectStaffId: r.subject_staff_id, subjectDepartmentId: r.subject_department_id, investigatorId: r.investigator_id },
    who,
  );
}

const staffActor = (viewer: LoadedViewer): ComplaintActor => ({ kind: 'staff', id: viewer.id, isOffice: viewer.isOffice });

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

async function toComplaintView(db: Db, r: JoinedRow, access: 'full' | 'complainant', actor: ComplaintActor): Promise<ComplaintView> {
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
    severity: internal(r.severity), decisionReason: internal(r.decision_reason), customerMessage: r.customer_message, decidedAt: iso(r.decided_at),
    decidedByName: internal(r.decider_name), verifiedAt: iso(r.verified_at), appealReason: internal(r.appeal_reason), appealedAt: iso(r.appealed_at), appealedByKind: r.appealed_by_kind,
    appealDecisionReason: internal(r.appeal_decision_reason), appealDecidedAt: iso(r.appeal_decided_at), version: r.version,
    actions: listComplaintActions(toState(r), actor),
    events,
    evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, description: e.description, ticketId: e.ticket_id, ticketNumber: e.number, url: e.url, addedByName: e.name, addedAt: e.added_at.toISOString() })),
  };
}

/** One complaint as the signed-in staff member may see it; 404 when they may not see it at all. */
export async function getComplaint(db: Db, ctx: RequestContext, id: number): Promise<ComplaintView> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const row = await complaintQuery(db).where('complaints.id', '=', id).executeTakeFirst();
  const access = row ? accessOf(row, { kind: 'staff', viewer }) : null;
  if (!row || !access) throw notFound(`No complaint with id ${id}`);
  return toComplaintView(db, row, access, staffActor(viewer));
}

export type ComplaintListView = 'all' | 'about_me' | 'filed_by_me' | 'assigned_to_me';

export interface ListComplaintsQuery {
  view?: ComplaintListView;
  status?: ComplaintStatus;
  personId?: number;
  limit?: number;
  cursor?: string;
}

/** Complaints the viewer may see, newest first: the office all; others those they filed, investigate, are about them or their people. */
export async function listComplaints(db: Db, ctx: RequestContext, query: ListComplaintsQuery): Promise<Page<ComplaintListItem>> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const limit = query.limit ?? 50;
  let q = complaintQuery(db);
  if (!viewer.isOffice) {
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
      investigatorName: accessOf(r, { kind: 'staff', viewer }) === 'full' ? r.investigator_name : null, receivedAt: r.received_at.toISOString(),
    })),
    limit,
    (c) => [c.id],
  );
}

export interface RegisterComplaintInput {
  source: Exclude<ComplaintSource, 'portal'>;
  customerId?: number | null;
  complainantName?: string | null;
  complainantContact?: string | null;
  subjectStaffId?: number | null;
  subjectDescription?: string | null;
  ticketId?: number | null;
  /** The ticket by the number staff and customers quote (2026-000123), instead of its id. */
  ticketNumber?: string | null;
  kind?: ComplaintKind;
  summary: string;
  description?: string | null;
  /** When the letter or call came in, if earlier than now. */
  receivedAt?: string | null;
}

async function checkStaffExists(trx: Transaction<Database> | Db, id: number, field: string, activeOnly = false) {
  const row = await trx.selectFrom('staff').select(['id', 'department_id', 'active']).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(`Staff member ${id} does not exist`, field);
  if (activeOnly && !row.active) throw invalid('That person is deactivated; choose someone active', field);
  return row;
}

async function checkTicketExists(trx: Transaction<Database> | Db, id: number, field = 'ticketId') {
  const row = await trx.selectFrom('tickets').select(['id', 'customer_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(`Ticket ${id} does not exist`, field);
  return row;
}

async function insertEvents(trx: Transaction<Database>, complaintId: number, actor: { kind: 'staff' | 'customer'; id: number }, nowMs: number, events: { type: string; payload: Record<string, unknown>; visibleToComplainant: boolean }[]) {
  if (events.length === 0) return;
  await trx.insertInto('complaint_events').values(events.map((e) => ({
    complaint_id: complaintId, type: e.type, actor_kind: actor.kind, actor_id: actor.id, at: new Date(nowMs), payload: JSON.stringify(e.payload), visible_to_complainant: e.visibleToComplainant,
  }))).execute();
}

function readKind(kind: unknown): ComplaintKind {
  if (kind === undefined || kind === null) return 'other';
  if (!(COMPLAINT_KINDS as readonly unknown[]).includes(kind)) throw invalid(`The kind must be one of ${COMPLAINT_KINDS.join(', ')}`, 'kind');
  return kind as ComplaintKind;
}

/**
 * Staff register a complaint: a customer's, taken by phone, letter, visit or email (the customer's record
 * or at least a name), or their own about a colleague. With an Idempotency-Key a retry registers nothing twice.
 */
export async function registerComplaint(db: Db, ctx: RequestContext, input: RegisterComplaintInput, options: { nowMs: number; idempotencyKey?: string | null }): Promise<{ status: 200 | 201; complaint: ComplaintView }> {
  requireStaff(ctx);
  const me = ctx.actor.id;
  if (!(COMPLAINT_SOURCES as readonly string[]).includes(input.source) || (input.source as string) === 'portal') {
    throw invalid('The source must be phone, letter, visit, email or colleague', 'source');
  }
  const colleague = input.source === 'colleague';
  const summary = readText(input.summary, 'summary', 200) as string;
  const description = readText(input.description, 'description', 10_000, true) ?? '';
  const kind = readKind(input.kind);
  const complainantName = readText(input.complainantName, 'complainantName', 200, true);
  const complainantContact = readText(input.complainantContact, 'complainantContact', 200, true);
  const subjectDescription = readText(input.subjectDescription, 'subjectDescription', 500, true);
  if (colleague && input.customerId != null) throw invalid('A colleague\'s complaint has no customer', 'customerId');
  if (!colleague && input.customerId == null && complainantName === null) throw invalid('Name the customer who complains', 'complainantName');
  let receivedAtMs = options.nowMs;
  if (input.receivedAt != null) {
    receivedAtMs = Date.parse(input.receivedAt);
    if (!Number.isFinite(receivedAtMs)) throw invalid('receivedAt must be a date and time', 'receivedAt');
    if (receivedAtMs > options.nowMs + 60_000) throw invalid('A complaint cannot be received in the future', 'receivedAt');
  }
  if (input.customerId != null) {
    const customer = await db.selectFrom('customers').select('id').where('id', '=', input.customerId).executeTakeFirst();
    if (!customer) throw invalid(`Customer ${input.customerId} does not exist`, 'customerId');
  }
  let subjectDepartmentId: number | null = null;
  if (input.subjectStaffId != null) {
    if (colleague && input.subjectStaffId === me) throw invalid('You cannot complain about yourself', 'subjectStaffId');
    subjectDepartmentId = (await checkStaffExists(db, input.subjectStaffId, 'subjectStaffId')).department_id;
  }
  let ticketId = input.ticketId ?? null;
  const ticketNumber = readText(input.ticketNumber, 'ticketNumber', 40, true);
  if (ticketNumber !== null) {
    const ticket = await db.selectFrom('tickets').select('id').where('number', '=', ticketNumber).executeTakeFirst();
    if (!ticket) throw invalid(`There is no ticket ${ticketNumber}`, 'ticketNumber');
    if (ticketId !== null && ticketId !== ticket.id) throw invalid(`Ticket ${ticketNumber} is not ticket ${ticketId}; give one of them`, 'ticketNumber');
    ticketId = ticket.id;
  }
  if (ticketId !== null) await checkTicketExists(db, ticketId);

  const { id, replayed } = await createOnce(db, { scope: `staff:${me}:register-complaint`, key: options.idempotencyKey, request: input }, async (trx) => {
    const row = await trx
      .insertInto('complaints')
      .values({
        source: input.source, customer_id: input.customerId ?? null, complainant_staff_id: colleague ? me : null, complainant_name: complainantName,
        complainant_contact: complainantContact, subject_staff_id: input.subjectStaffId ?? null, subject_department_id: subjectDepartmentId,
        subject_description: subjectDescription, ticket_id: ticketId, kind, summary, description, status: 'received',
        received_at: new Date(receivedAtMs), registered_by: me, created_at: new Date(options.nowMs), updated_at: new Date(options.nowMs),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertEvents(trx, row.id, { kind: 'staff', id: me }, options.nowMs, [{ type: 'received', payload: { source: input.source }, visibleToComplainant: true }]);
    await recordAudit(trx, ctx, { action: 'complaint.register', entity: 'complaint', entityId: row.id, after: { source: input.source, kind, summary, subjectStaffId: input.subjectStaffId ?? null, ticketId, customerId: input.customerId ?? null } });
    return row.id;
  });
  return { status: replayed ? 200 : 201, complaint: await getComplaint(db, ctx, id) };
}

const CHANGE_COLUMNS: Record<keyof ComplaintChanges, keyof ComplaintRow> = {
  status: 'status', investigatorId: 'investigator_id', subjectStaffId: 'subject_staff_id', ticketId: 'ticket_id', kind: 'kind', findings: 'findings',
  response: 'response', respondedAtMs: 'responded_at', severity: 'severity', decisionReason: 'decision_reason', customerMessage: 'customer_message',
  decidedAtMs: 'decided_at', decidedBy: 'decided_by', appealReason: 'appeal_reason', appealedAtMs: 'appealed_at', appealedByKind: 'appealed_by_kind',
  appealedById: 'appealed_by_id', appealDecidedAtMs: 'appeal_decided_at', appealDecidedBy: 'appeal_decided_by', appealDecisionReason: 'appeal_decision_reason',
  verifiedAtMs: 'verified_at',
};

function toColumns(changes: ComplaintChanges): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const column = CHANGE_COLUMNS[key as keyof ComplaintChanges];
    out[column] = key.endsWith('AtMs') && typeof value === 'number' ? new Date(value) : value;
  }
  return out;
}

/**
 * One step of a complaint, by staff or by the customer who made it (the appeal): lock → check access and
 * decide with the pure rules → save the change, its history and its audit record in one transaction.
 * A verification proposes the deduction it warrants and applies the three-complaint rule; an appeal that
 * upholds it at another severity revises the pending proposal; one that overturns it dismisses that
 * deduction, withdraws its notice of criticism and a flag that no longer holds.
 */
async function applyComplaintAction(
  db: Db,
  ctx: RequestContext,
  who: ComplaintViewer,
  actor: ComplaintActor,
  id: number,
  action: ComplaintAction,
  options: { nowMs: number; expectedVersion?: number },
): Promise<void> {
  const nowMs = options.nowMs;
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || !accessOf(row, who)) throw notFound(`No complaint with id ${id}`);
    if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
      throw new DomainError('stale', `Someone else changed complaint ${id} meanwhile (now version ${row.version}); reload it and try again.`, 'version', 'stale_version');
    }
    const decision = decideComplaintAction(toState(row), actor, action, nowMs);
    const columns = toColumns(decision.changes);
    if (action.type === 'assign') await checkStaffExists(trx, action.investigatorId, 'investigatorId', true);
    if (decision.changes.subjectStaffId != null) columns.subject_department_id = (await checkStaffExists(trx, decision.changes.subjectStaffId, 'subjectStaffId')).department_id;
    else if (decision.changes.subjectStaffId === null) columns.subject_department_id = null;
    if (decision.changes.ticketId != null) await checkTicketExists(trx, decision.changes.ticketId);
    if (decision.evidence?.ticketId != null) await checkTicketExists(trx, decision.evidence.ticketId);

    await trx.updateTable('complaints').set({ ...columns, updated_at: new Date(nowMs), version: sql`version + 1` }).where('id', '=', id).execute();
    const by = actor.kind === 'customer' ? { kind: 'customer' as const, id: actor.customerId } : { kind: 'staff' as const, id: actor.id };
    await insertEvents(trx, id, by, nowMs, decision.events);
    if (decision.evidence) {
      await trx.insertInto('complaint_evidence').values({
        complaint_id: id, kind: decision.evidence.kind, description: decision.evidence.description, ticket_id: decision.evidence.ticketId, url: decision.evidence.url,
        added_by: by.id, added_at: new Date(nowMs),
      }).execute();
    }
    const before: Record<string, unknown> = {};
    for (const column of Object.keys(columns)) before[column] = row[column as keyof typeof row];
    await recordAudit(trx, ctx, { action: `complaint.${action.type}`, entity: 'complaint', entityId: id, before, after: { ...columns, ...(decision.evidence ? { evidence: decision.evidence } : {}) } });

    const after = { ...row, ...columns } as typeof row;
    if ((action.type === 'decide' || action.type === 'decide_appeal') && after.subject_staff_id !== null) {
      if (after.status === 'verified') {
        if (after.kind !== 'other') {
          // Re-verified on appeal at another severity (or kind): the pending proposal follows the final judgement.
          if (action.type === 'decide_appeal') await reviseComplaintProposal(trx, ctx, toComplaintIncident(after));
          await proposeFromIncidents(trx, ctx, [toComplaintIncident(after)], nowMs);
        }
        await reviewComplaintFlag(trx, ctx, after.subject_staff_id, nowMs, { raise: true });
      } else if (row.status === 'appealed' && row.decided_at !== null && row.severity !== null) {
        // Overturned on appeal: what the verification set in motion falls away with it.
        await dismissComplaintDeductions(trx, ctx, id, 'The complaint was overturned on appeal', nowMs);
        await reviewComplaintFlag(trx, ctx, after.subject_staff_id, nowMs, { raise: false });
      }
    }
  });
}

/** A staff member acts on a complaint. */
export async function performComplaintAction(db: Db, ctx: RequestContext, id: number, action: ComplaintAction, options: { nowMs: number; expectedVersion?: number }): Promise<ComplaintView> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  await applyComplaintAction(db, ctx, { kind: 'staff', viewer }, staffActor(viewer), id, action, options);
  return getComplaint(db, ctx, id);
}

// ---- the customer's side, on the portal ----

export interface PortalComplaintInput {
  summary: string;
  description?: string | null;
  ticketId?: number | null;
  /** Who it was, in the customer's words. */
  subjectDescription?: string | null;
}

const customerWho = (ctx: RequestContext & { actor: CustomerActor }): ComplaintViewer => ({ kind: 'customer', customerId: ctx.actor.id });
const customerActor = (ctx: RequestContext & { actor: CustomerActor }): ComplaintActor => ({ kind: 'customer', customerId: ctx.actor.id });

/** A customer complains on the portal, optionally about one of their own tickets. */
export async function fileCustomerComplaint(
  db: Db,
  ctx: RequestContext & { actor: CustomerActor },
  input: PortalComplaintInput,
  options: { nowMs: number; idempotencyKey?: string | null },
): Promise<{ status: 200 | 201; complaint: PortalComplaintView }> {
  const summary = readText(input.summary, 'summary', 200) as string;
  const description = readText(input.description, 'description', 10_000, true) ?? '';
  const subjectDescription = readText(input.subjectDescription, 'subjectDescription', 500, true);
  if (input.ticketId != null) {
    const ticket = await db.selectFrom('tickets').select('customer_id').where('id', '=', input.ticketId).executeTakeFirst();
    // Someone else's ticket reads exactly like one that does not exist.
    if (!ticket || ticket.customer_id !== ctx.actor.id) throw invalid(`You have no request with id ${input.ticketId}`, 'ticketId');
  }
  const { id, replayed } = await createOnce(db, { scope: `customer:${ctx.actor.id}:complaint`, key: options.idempotencyKey, request: input }, async (trx) => {
    const row = await trx
      .insertInto('complaints')
      .values({
        source: 'portal', customer_id: ctx.actor.id, ticket_id: input.ticketId ?? null, subject_description: subjectDescription, summary, description,
        status: 'received', received_at: new Date(options.nowMs), created_at: new Date(options.nowMs), updated_at: new Date(options.nowMs),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertEvents(trx, row.id, { kind: 'customer', id: ctx.actor.id }, options.nowMs, [{ type: 'received', payload: { source: 'portal' }, visibleToComplainant: true }]);
    await recordAudit(trx, ctx, { action: 'complaint.file', entity: 'complaint', entityId: row.id, after: { source: 'portal', summary, ticketId: input.ticketId ?? null } });
    return row.id;
  });
  return { status: replayed ? 200 : 201, complaint: await getPortalComplaint(db, ctx, id) };
}

function toPortalView(r: JoinedRow, events: ComplaintEventView[], ctx: RequestContext & { actor: CustomerActor }): PortalComplaintView {
  const state = toState(r);
  return {
    id: r.id, status: toComplainantStatus(r.status), summary: r.summary, description: r.description, ticketId: r.ticket_id, ticketNumber: r.ticket_number,
    receivedAt: r.received_at.toISOString(), customerMessage: r.customer_message, appealedAt: iso(r.appealed_at),
    canAppeal: listComplaintActions(state, customerActor(ctx)).includes('appeal') && isComplainant(state, customerActor(ctx)),
    events: events.map((e) => ({ id: e.id, type: e.type, at: e.at, payload: e.payload })),
    version: r.version,
  };
}

export async function getPortalComplaint(db: Db, ctx: RequestContext & { actor: CustomerActor }, id: number): Promise<PortalComplaintView> {
  const row = await complaintQuery(db).where('complaints.id', '=', id).executeTakeFirst();
  if (!row || accessOf(row, customerWho(ctx)) !== 'complainant') throw notFound(`No complaint with id ${id}`);
  return toPortalView(row, await loadEvents(db, id, true), ctx);
}

/** My complaints, newest first. */
export async function listPortalComplaints(db: Db, ctx: RequestContext & { actor: CustomerActor }, query: { limit?: number; cursor?: string }): Promise<Page<Omit<PortalComplaintView, 'events'>>> {
  const limit = query.limit ?? 20;
  let q = complaintQuery(db).where('complaints.customer_id', '=', ctx.actor.id);
  const after = decodeCursor(query.cursor, 1);
  if (after) q = q.where('complaints.id', '<', Number(after[0]));
  const rows = await q.orderBy('complaints.id', 'desc').limit(limit + 1).execute();
  return toPage(rows.map((r) => {
    const { events: _events, ...rest } = toPortalView(r, [], ctx);
    return rest;
  }), limit, (c) => [c.id]);
}

/** The customer appeals a complaint that was not upheld, once. */
export async function appealCustomerComplaint(db: Db, ctx: RequestContext & { actor: CustomerActor }, id: number, input: { reason: string; version?: number }, nowMs: number): Promise<PortalComplaintView> {
  await applyComplaintAction(db, ctx, customerWho(ctx), customerActor(ctx), id, { type: 'appeal', reason: input.reason }, { nowMs, ...(input.version === undefined ? {} : { expectedVersion: input.version }) });
  return getPortalComplaint(db, ctx, id);
}
