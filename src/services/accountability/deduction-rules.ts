import type { Db } from '../../db/connect.ts';
import type { DeductionRulesTable } from '../../db/schema.ts';
import { resolveDeductionRules, type DeductionRule } from '../../domain/accountability/resolve-deduction-rules.ts';
import { DomainError, notFound } from '../../domain/shared/domain-error.ts';
import { DomainValidationError } from '../../domain/shared/domain-validation-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

export interface DeductionRuleView extends DeductionRule {
  updatedAt: string;
}

type RuleRow = Pick<DeductionRulesTable, 'id' | 'kind' | 'severity' | 'points' | 'notice' | 'passing_the_buck_threshold'> & { enabled: boolean; updated_at: Date };

function toRule(r: RuleRow): DeductionRule {
  return { id: r.id, kind: r.kind, severity: r.severity, points: r.points, notice: r.notice, passingTheBuckThreshold: r.passing_the_buck_threshold, enabled: r.enabled };
}

/** The configured rules as the pure proposal rules take them. */
export async function loadDeductionRules(db: Db): Promise<DeductionRule[]> {
  const rows = await db.selectFrom('deduction_rules').selectAll().orderBy('kind').orderBy('severity').execute();
  return rows.map(toRule);
}

/** Every staff member may read the rules they are measured by. */
export async function listDeductionRules(db: Db, ctx: RequestContext): Promise<DeductionRuleView[]> {
  requireStaff(ctx);
  const rows = await db.selectFrom('deduction_rules').selectAll().orderBy('kind').orderBy('severity').execute();
  return rows.map((r) => ({ ...toRule(r), updatedAt: r.updated_at.toISOString() }));
}

/** The pure rules check the values exactly as proposals will read them; the field is named as the client sent it. */
function checkRule(candidate: DeductionRule): DeductionRule {
  try {
    return resolveDeductionRules([candidate], 'rule')[0] as DeductionRule;
  } catch (err) {
    if (err instanceof DomainValidationError) throw new DomainValidationError(err.field.replace(/^rule\.0\.?/, '') || 'points', err.message);
    throw err;
  }
}

export interface UpdateDeductionRuleInput {
  points?: number;
  notice?: boolean;
  enabled?: boolean;
  passingTheBuckThreshold?: number | null;
}

/** The office (or an admin) edits a rule's points, notice, threshold or whether it proposes at all. */
export async function updateDeductionRule(db: Db, ctx: RequestContext, id: string, input: UpdateDeductionRuleInput, nowMs: number): Promise<DeductionRuleView> {
  requireStaff(ctx, 'office', 'admin');
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('deduction_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound(`No deduction rule "${id}"`);
    const before = toRule(row);
    if (Object.keys(input).length === 0) throw new DomainError('invalid', 'Nothing to change', 'points');
    const candidate = { ...before, ...input };
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
