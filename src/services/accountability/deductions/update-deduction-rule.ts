import type { Db } from '../../../db/connect.ts';
import { resolveDeductionRules, type DeductionRule } from '../../../domain/accountability/resolve-deduction-rules.ts';
import { DomainError, notFound } from '../../../domain/shared/domain-error.ts';
import { DomainValidationError } from '../../../domain/shared/domain-validation-error.ts';
import type { UpdateDeductionRuleBody } from '../../../contracts/deductions.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { toDeductionRule, type DeductionRuleView } from './views.ts';

/** The pure rules check the values exactly as proposals will read them; the field is named as the client sent it. */
function checkRule(candidate: DeductionRule): DeductionRule {
  try {
    return resolveDeductionRules([candidate], 'rule')[0] as DeductionRule;
  } catch (err) {
    if (err instanceof DomainValidationError) throw new DomainValidationError(err.field.replace(/^rule\.0\.?/, '') || 'points', err.message);
    throw err;
  }
}

export type UpdateDeductionRuleInput = UpdateDeductionRuleBody & { id: string; nowMs: number };

/** The office (or an admin) edits a rule's points, notice, threshold or whether it proposes at all. */
export async function updateDeductionRule(db: Db, ctx: RequestContext, input: UpdateDeductionRuleInput): Promise<DeductionRuleView> {
  requireStaff(ctx, 'office', 'admin');
  const { id, nowMs, ...changes } = input;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('deduction_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound(`No deduction rule "${id}"`);
    const before = toDeductionRule(row);
    if (Object.keys(changes).length === 0) throw new DomainError('invalid', 'Nothing to change', 'points');
    const candidate = { ...before, ...changes };
    const after = checkRule(candidate);
    await trx
      .updateTable('deduction_rules')
      .set({ points: after.points, notice: after.notice, enabled: after.enabled, passing_the_buck_threshold: after.passingTheBuckThreshold, updated_at: new Date(nowMs), updated_by: ctx.actor.id })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, { action: 'deduction_rule.update', entity: 'deduction_rule', entityId: id, before: { ...before }, after: { ...after } });
    return { ...after, updatedAt: new Date(nowMs).toISOString() };
  });
}
