import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { proposeDeductions, type ComplaintIncident } from '../../../domain/accountability/propose-deductions.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { loadDeductionRules } from './views.ts';

/**
 * An appeal that upholds a complaint at another severity (or kind) revises its still-pending proposal to the
 * rule the final judgement calls for, with an audit record. A proposal the office already decided stays as
 * decided: changing a confirmed deduction is the office's call, not a side effect.
 */
export async function reviseComplaintProposal(trx: Transaction<Database>, ctx: RequestContext, input: { incident: ComplaintIncident }): Promise<number | null> {
  const { incident } = input;
  const row = await trx.selectFrom('deductions').selectAll().where('key', '=', `complaint:${incident.complaintId}`).where('status', '=', 'proposed').forUpdate().executeTakeFirst();
  if (!row) return null;
  const [next] = proposeDeductions([incident], await loadDeductionRules(trx), []).proposals;
  if (!next || (next.ruleId === row.rule_id && next.points === row.points && next.notice === row.notice)) return null;
  await trx.updateTable('deductions')
    .set({ rule_id: next.ruleId, kind: next.kind, severity: next.severity, points: next.points, notice: next.notice, version: sql`version + 1` })
    .where('id', '=', row.id).execute();
  await recordAudit(trx, ctx, {
    action: 'deduction.revise', entity: 'deduction', entityId: row.id,
    before: { ruleId: row.rule_id, severity: row.severity, points: row.points, notice: row.notice },
    after: { ruleId: next.ruleId, severity: next.severity, points: next.points, notice: next.notice, reason: 'The appeal upheld the complaint at another severity' },
  });
  return row.id;
}
