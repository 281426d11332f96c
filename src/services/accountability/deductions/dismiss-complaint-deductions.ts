import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { withdrawNoticeIn } from '../notices/withdraw-notice.ts';

/**
 * A complaint overturned on appeal takes its deductions with it (inside the caller's transaction): they are
 * dismissed, with the reason, and the notice of criticism a confirmed one published is withdrawn from the
 * board (kept in the office's history).
 */
export async function dismissComplaintDeductions(trx: Transaction<Database>, ctx: RequestContext, input: { complaintId: number; reason: string; nowMs: number }): Promise<void> {
  const { complaintId, reason, nowMs } = input;
  const rows = await trx.selectFrom('deductions').select(['id', 'status', 'notice_id']).where('complaint_id', '=', complaintId).where('status', '<>', 'dismissed').forUpdate().execute();
  for (const r of rows) {
    await trx.updateTable('deductions').set({ status: 'dismissed', decided_at: new Date(nowMs), decided_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null, decision_reason: reason, version: sql`version + 1` }).where('id', '=', r.id).execute();
    await recordAudit(trx, ctx, { action: 'deduction.dismiss', entity: 'deduction', entityId: r.id, before: { status: r.status }, after: { status: 'dismissed', reason } });
    if (r.notice_id !== null) await withdrawNoticeIn(trx, ctx, { id: r.notice_id, reason, nowMs });
  }
}
