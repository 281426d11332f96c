import type { Db } from '../../../db/connect.ts';
import { canRatePerson } from '../../../domain/accountability/can-view-person-record.ts';
import { COMPLAINT_WINDOW_MS, evaluateComplaintFlag } from '../../../domain/accountability/evaluate-complaint-flag.ts';
import type { ComplaintFlagList, ComplaintFlagView, FlagListQuery } from '../../../contracts/complaints.ts';
import type { RequestContext } from '../../context.ts';
import { loadAccountabilityViewer, type LoadedViewer } from '../load-accountability-viewer.ts';

export type { ComplaintFlagView } from '../../../contracts/complaints.ts';

/** The office and the person's superiors (never the person: the flag is for those who decide). */
export function canSeeFlag(viewer: LoadedViewer, flag: { person_id: number; department_id: number | null }): boolean {
  if (viewer.isOffice) return flag.person_id !== viewer.id;
  return canRatePerson(viewer, { id: flag.person_id, departmentId: flag.department_id });
}

export function selectFlags(db: Db) {
  return db
    .selectFrom('complaint_flags')
    .innerJoin('staff as person', 'person.id', 'complaint_flags.person_id')
    .leftJoin('departments', 'departments.id', 'complaint_flags.department_id')
    .leftJoin('staff as decider', 'decider.id', 'complaint_flags.decided_by')
    .selectAll('complaint_flags')
    .select(['person.name as person_name', 'departments.name as department_name', 'decider.name as decider_name']);
}

type FlagRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectFlags>['executeTakeFirst']>>>;

/** Flags as the viewer reads them, with their complaints and the live count of the rolling window at `nowMs`. */
export async function toFlagViews(db: Db, viewer: LoadedViewer, rows: FlagRow[], nowMs: number): Promise<ComplaintFlagView[]> {
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
export async function listComplaintFlags(db: Db, ctx: RequestContext, input: FlagListQuery & { nowMs: number }): Promise<ComplaintFlagList> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  let q = selectFlags(db).where('complaint_flags.person_id', '<>', viewer.id);
  if (!viewer.isOffice) {
    if (viewer.overseenDepartmentIds.length === 0) return { items: [] };
    q = q.where('complaint_flags.department_id', 'in', viewer.overseenDepartmentIds);
  }
  if (input.status) q = q.where('complaint_flags.status', '=', input.status);
  const rows = (await q.orderBy('complaint_flags.raised_at', 'desc').orderBy('complaint_flags.id', 'desc').limit(500).execute()).filter((r) => canSeeFlag(viewer, r));
  return { items: await toFlagViews(db, viewer, rows, input.nowMs) };
}
