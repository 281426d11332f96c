import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { canRatePerson } from '../../domain/accountability/can-view-person-record.ts';
import { COMPLAINT_WINDOW_MS, evaluateComplaintFlag } from '../../domain/accountability/evaluate-complaint-flag.ts';
import { listFlagRecipients } from '../../domain/accountability/list-flag-recipients.ts';
import { readText } from '../../domain/accountability/read-text.ts';
import { DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { notifyStaff } from '../notifications.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';
import { isDepartmentHead, loadAccountabilityViewer, type LoadedViewer } from './load-accountability-viewer.ts';

export const FLAG_DECISIONS = ['removal_from_post', 'three_months_off_post', 'other_measure', 'no_action'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];

export interface ComplaintFlagView {
  id: number;
  personId: number;
  personName: string;
  departmentId: number | null;
  departmentName: string | null;
  role: 'middle_manager' | 'staff';
  recommendedAction: 'removal_from_post' | 'three_months_off_post';
  complaints: { id: number; summary: string; receivedAt: string; verifiedAt: string | null; status: string }[];
  raisedAt: string;
  status: 'open' | 'decided' | 'withdrawn';
  /** Verified complaints in the 365 days up to now, and when the flag would lapse if nothing new comes. */
  countNow: number;
  flaggedUntil: string | null;
  decision: FlagDecision | null;
  decisionNote: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  withdrawnReason: string | null;
  /** Whether the viewer may record the decision. */
  canDecide: boolean;
  version: number;
}

/** A person's verified complaints with when each was verified (every verification sets it; 0016 filled in older ones). */
async function verifiedComplaints(trx: Transaction<Database> | Db, personId: number) {
  const rows = await trx.selectFrom('complaints').select(['id', 'verified_at']).where('subject_staff_id', '=', personId).where('status', '=', 'verified')
    .where('verified_at', 'is not', null).orderBy('verified_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, verifiedAtMs: (r.verified_at as Date).getTime() }));
}

/** A new flag is announced in the app to the office and the person's superiors: those who decide it. */
async function notifyFlagRaised(trx: Transaction<Database>, personId: number, departmentId: number | null): Promise<void> {
  const [staff, nodes] = await Promise.all([
    trx.selectFrom('staff').select(['id', 'department_id', 'roles']).where('active', '=', true)
      .where(sql<boolean>`roles && array['office', 'supervisor']::text[]`).execute(),
    loadDepartmentNodes(trx),
  ]);
  const recipients = listFlagRecipients(nodes, { id: personId, departmentId }, {
    officeIds: staff.filter((s) => s.roles.includes('office')).map((s) => s.id),
    supervisors: staff.filter((s) => s.roles.includes('supervisor')).map((s) => ({ id: s.id, departmentId: s.department_id })),
  });
  await notifyStaff(trx, recipients, 'complaint_flag_raised');
}

/**
 * Applies the three-complaint rule to one person after their complaints changed. An open flag whose
 * complaints are no longer three verified ones (overturned on appeal) is withdrawn. When `raise` (a
 * complaint was just verified) and three or more complaints were VERIFIED in (now − 365 d, now] — the
 * product's "three verified complaints within a year", so a complaint counts from its verification, not
 * from when it was received — the open flag takes them in, or a new flag is raised and the office and the
 * person's superiors are notified in the app to decide.
 */
export async function reviewComplaintFlag(trx: Transaction<Database>, ctx: RequestContext, personId: number, nowMs: number, options: { raise: boolean }): Promise<void> {
  // One review per person at a time: two complaints verified at once must not both raise a flag. NO KEY UPDATE,
  // because the proposals just inserted hold KEY SHARE on this row (their foreign key): FOR UPDATE would deadlock.
  await trx.selectFrom('staff').select('id').where('id', '=', personId).forNoKeyUpdate().execute();
  const complaints = await verifiedComplaints(trx, personId);
  const verifiedIds = new Set(complaints.map((c) => c.id));
  const open = await trx.selectFrom('complaint_flags').selectAll().where('person_id', '=', personId).where('status', '=', 'open').forUpdate().executeTakeFirst();
  let stillOpen = open;
  if (open && open.complaint_ids.map(Number).filter((id) => verifiedIds.has(id)).length < 3) {
    const reason = 'Fewer than three of its complaints are still verified';
    await trx.updateTable('complaint_flags').set({ status: 'withdrawn', withdrawn_reason: reason, version: sql`version + 1` }).where('id', '=', open.id).execute();
    await recordAudit(trx, ctx, { action: 'complaint_flag.withdraw', entity: 'complaint_flag', entityId: open.id, before: { status: 'open' }, after: { status: 'withdrawn', reason } });
    stillOpen = undefined;
  }
  if (!options.raise) return;
  const role = (await isDepartmentHead(trx, personId)) ? 'middle_manager' : 'staff';
  const result = evaluateComplaintFlag(complaints.map((c) => c.verifiedAtMs), nowMs, role);
  if (!result.flagged) return;
  const counting = complaints.filter((c) => c.verifiedAtMs > result.windowStartMs && c.verifiedAtMs <= nowMs).map((c) => c.id);
  if (stillOpen) {
    const ids = [...new Set([...stillOpen.complaint_ids.map(Number), ...counting])].sort((a, b) => a - b);
    await trx.updateTable('complaint_flags').set({ complaint_ids: ids, version: sql`version + 1` }).where('id', '=', stillOpen.id).execute();
    await recordAudit(trx, ctx, { action: 'complaint_flag.extend', entity: 'complaint_flag', entityId: stillOpen.id, before: { complaintIds: stillOpen.complaint_ids.map(Number) }, after: { complaintIds: ids } });
    return;
  }
  const person = await trx.selectFrom('staff').select('department_id').where('id', '=', personId).executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('complaint_flags')
    .values({ person_id: personId, department_id: person.department_id, role, recommended_action: result.recommendedAction as 'removal_from_post' | 'three_months_off_post', complaint_ids: counting, raised_at: new Date(nowMs) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: 'complaint_flag.raise', entity: 'complaint_flag', entityId: row.id, after: { personId, role, recommendedAction: result.recommendedAction, complaintIds: counting } });
  await notifyFlagRaised(trx, personId, person.department_id);
}

/** The office and the person's superiors (never the person: the flag is for those who decide). */
function canSeeFlag(viewer: LoadedViewer, flag: { person_id: number; department_id: number | null }): boolean {
  if (viewer.isOffice) return flag.person_id !== viewer.id;
  return canRatePerson(viewer, { id: flag.person_id, departmentId: flag.department_id });
}

function flagQuery(db: Db) {
  return db
    .selectFrom('complaint_flags')
    .innerJoin('staff as person', 'person.id', 'complaint_flags.person_id')
    .leftJoin('departments', 'departments.id', 'complaint_flags.department_id')
    .leftJoin('staff as decider', 'decider.id', 'complaint_flags.decided_by')
    .selectAll('complaint_flags')
    .select(['person.name as person_name', 'departments.name as department_name', 'decider.name as decider_name']);
}

type FlagRow = NonNullable<Awaited<ReturnType<ReturnType<typeof flagQuery>['executeTakeFirst']>>>;

async function toFlagViews(db: Db, viewer: LoadedViewer, rows: FlagRow[], nowMs: number): Promise<ComplaintFlagView[]> {
  const complaintIds = [...new Set(rows.flatMap((r) => r.complaint_ids.map(Number)))];
  const complaints = complaintIds.length ? await db.selectFrom('complaints').select(['id', 'summary', 'received_at', 'verified_at', 'status']).where('id', 'in', complaintIds).execute() : [];
  const byId = new Map(complaints.map((c) => [c.id, c]));
  const personIds = [...new Set(rows.map((r) => r.person_id))];
  const verified = personIds.length
    ? await db.selectFrom('complaints').select(['subject_staff_id', 'verified_at']).where('subject_staff_id', 'in', personIds).where('status', '=', 'verified')
      .where('verified_at', '>', new Date(nowMs - COMPLAINT_WINDOW_MS)).execute()
    : [];
  return rows.map((r) => {
    const live = evaluateComplaintFlag(verified.filter((v) => v.subject_staff_id === r.person_id).map((v) => (v.verified_at as Date).getTime()), nowMs, r.role);
    return {
      id: r.id, personId: r.person_id, personName: r.person_name, departmentId: r.department_id, departmentName: r.department_name, role: r.role,
      recommendedAction: r.recommended_action,
      complaints: r.complaint_ids.map(Number).flatMap((id) => {
        const c = byId.get(id);
        return c ? [{ id: c.id, summary: c.summary, receivedAt: c.received_at.toISOString(), verifiedAt: c.verified_at?.toISOString() ?? null, status: c.status }] : [];
      }),
      raisedAt: r.raised_at.toISOString(), status: r.status, countNow: live.count, flaggedUntil: live.flaggedUntilMs === null ? null : new Date(live.flaggedUntilMs).toISOString(),
      decision: r.decision, decisionNote: r.decision_note, decidedAt: r.decided_at?.toISOString() ?? null, decidedByName: r.decider_name,
      withdrawnReason: r.withdrawn_reason, canDecide: r.status === 'open' && canSeeFlag(viewer, r), version: r.version,
    };
  });
}

/** Flags the viewer may see (the office all but their own; superiors their people's), newest first. */
export async function listComplaintFlags(db: Db, ctx: RequestContext, query: { status?: 'open' | 'decided' | 'withdrawn'; nowMs: number }): Promise<{ items: ComplaintFlagView[] }> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  let q = flagQuery(db).where('complaint_flags.person_id', '<>', viewer.id);
  if (!viewer.isOffice) {
    if (viewer.overseenDepartmentIds.length === 0) return { items: [] };
    q = q.where('complaint_flags.department_id', 'in', viewer.overseenDepartmentIds);
  }
  if (query.status) q = q.where('complaint_flags.status', '=', query.status);
  const rows = (await q.orderBy('complaint_flags.raised_at', 'desc').orderBy('complaint_flags.id', 'desc').limit(500).execute()).filter((r) => canSeeFlag(viewer, r));
  return { items: await toFlagViews(db, viewer, rows, query.nowMs) };
}

/** Centric flags; people decide. The office or a superior records the decision and a note. */
export async function decideComplaintFlag(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { decision: FlagDecision; note: string; version?: number },
  nowMs: number,
): Promise<ComplaintFlagView> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('complaint_flags').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || !canSeeFlag(viewer, row)) throw notFound(`No flag with id ${id}`);
    if (input.version !== undefined && input.version !== row.version) throw new DomainError('stale', 'Someone else changed this flag meanwhile; reload it.', 'version', 'stale_version');
    if (row.status !== 'open') throw new DomainError('wrong_state', `This flag was ${row.status} already.`, undefined, 'wrong_state');
    if (!(FLAG_DECISIONS as readonly string[]).includes(input.decision)) throw invalid(`The decision must be one of ${FLAG_DECISIONS.join(', ')}`, 'decision');
    const note = readText(input.note, 'note', 4000) as string;
    await trx.updateTable('complaint_flags').set({ status: 'decided', decision: input.decision, decision_note: note, decided_at: new Date(nowMs), decided_by: viewer.id, version: sql`version + 1` }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'complaint_flag.decide', entity: 'complaint_flag', entityId: id, before: { status: 'open' }, after: { status: 'decided', decision: input.decision, note } });
  });
  const row = await flagQuery(db).where('complaint_flags.id', '=', id).executeTakeFirstOrThrow();
  const [view] = await toFlagViews(db, viewer, [row], nowMs);
  return view as ComplaintFlagView;
}
