import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Database } from '../../../db/schema.ts';
import { evaluateComplaintFlag } from '../../../domain/accountability/evaluate-complaint-flag.ts';
import { listFlagRecipients } from '../../../domain/accountability/list-flag-recipients.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { notifyStaff } from '../../notifications.ts';
import { loadDepartmentNodes } from '../../org/load-org.ts';
import { isDepartmentHead } from '../load-accountability-viewer.ts';

/** A person's verified complaints with when each was verified (every verification sets it; 0016 filled in older ones). */
async function loadVerifiedComplaints(trx: Transaction<Database> | Db, personId: number) {
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
 * Applies the three-complaint rule to one person after their complaints changed, inside the caller's
 * transaction. An open flag whose complaints are no longer three verified ones (overturned on appeal) is
 * withdrawn. When `raise` (a complaint was just verified) and three or more complaints were VERIFIED in
 * (now − 365 d, now] — the product's "three verified complaints within a year", so a complaint counts from
 * its verification, not from when it was received — the open flag takes them in, or a new flag is raised
 * and the office and the person's superiors are notified in the app to decide.
 */
export async function reviewComplaintFlag(trx: Transaction<Database>, ctx: RequestContext, input: { personId: number; nowMs: number; raise: boolean }): Promise<void> {
  const { personId, nowMs } = input;
  // One review per person at a time: two complaints verified at once must not both raise a flag. NO KEY UPDATE,
  // because the proposals just inserted hold KEY SHARE on this row (their foreign key): FOR UPDATE would deadlock.
  await trx.selectFrom('staff').select('id').where('id', '=', personId).forNoKeyUpdate().execute();
  const complaints = await loadVerifiedComplaints(trx, personId);
  const verifiedIds = new Set(complaints.map((c) => c.id));
  const open = await trx.selectFrom('complaint_flags').selectAll().where('person_id', '=', personId).where('status', '=', 'open').forUpdate().executeTakeFirst();
  let stillOpen = open;
  if (open && open.complaint_ids.map(Number).filter((id) => verifiedIds.has(id)).length < 3) {
    const reason = 'Fewer than three of its complaints are still verified';
    await trx.updateTable('complaint_flags').set({ status: 'withdrawn', withdrawn_reason: reason, version: sql`version + 1` }).where('id', '=', open.id).execute();
    await recordAudit(trx, ctx, { action: 'complaint_flag.withdraw', entity: 'complaint_flag', entityId: open.id, before: { status: 'open' }, after: { status: 'withdrawn', reason } });
    stillOpen = undefined;
  }
  if (!input.raise) return;
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
