import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import type { DeductionKind } from '../../../domain/accountability/resolve-deduction-rules.ts';
import { DomainError, invalid, notFound } from '../../../domain/shared/domain-error.ts';
import type { DecideDeductionBody } from '../../../contracts/deductions.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext, StaffActor } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { insertNotice } from '../notices/publish-notice.ts';
import { getDeduction, loadDeductionRules, type DeductionView } from './views.ts';

export type DecideDeductionInput = DecideDeductionBody & { id: number; nowMs: number };

/**
 * The office confirms or dismisses a proposal, always with a reason: nothing is punished automatically.
 * Confirming under a rule that carries a notice publishes the notice of criticism in the same transaction.
 */
export async function decideDeduction(db: Db, ctx: RequestContext, input: DecideDeductionInput): Promise<DeductionView> {
  requireStaff(ctx, 'office');
  const { id, nowMs } = input;
  const staffCtx: RequestContext & { actor: StaffActor } = ctx;
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('deductions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound(`No deduction with id ${id}`);
    if (input.version !== undefined && input.version !== row.version) {
      throw new DomainError('stale', `Someone else decided this deduction meanwhile (now version ${row.version}); reload it.`, 'version', 'stale_version');
    }
    if (row.status !== 'proposed') throw new DomainError('wrong_state', `This deduction was ${row.status} already.`, undefined, 'wrong_state');
    if (input.decision !== 'confirm' && input.decision !== 'dismiss') throw invalid('The decision must be confirm or dismiss', 'decision');
    const reason = readText(input.reason, 'reason', 2000) as string;
    let next = { rule_id: row.rule_id, severity: row.severity, points: row.points, notice: row.notice };
    if (input.decision === 'confirm' && input.severity && input.severity !== row.severity) {
      const rule = (await loadDeductionRules(trx)).find((r) => r.enabled && r.kind === (row.kind as DeductionKind) && r.severity === input.severity);
      if (!rule) throw invalid(`No enabled ${input.severity} rule for ${row.kind}; enable one first`, 'severity');
      next = { rule_id: rule.id, severity: rule.severity, points: rule.points, notice: rule.notice };
    }
    let noticeId: number | null = null;
    if (input.decision === 'confirm' && next.notice) {
      if (!input.notice) throw invalid('This deduction comes with a company-wide notice of criticism: write its title and text', 'notice.title');
      noticeId = await insertNotice(trx, staffCtx, { kind: 'criticism', title: input.notice.title, body: input.notice.body, personId: row.person_id, deductionId: row.id, nowMs, fieldPrefix: 'notice.' });
    }
    const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
    await trx
      .updateTable('deductions')
      .set({ ...next, status, decided_at: new Date(nowMs), decided_by: ctx.actor.id, decision_reason: reason, notice_id: noticeId, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: `deduction.${input.decision}`, entity: 'deduction', entityId: id,
      before: { status: row.status, severity: row.severity, points: row.points, ruleId: row.rule_id },
      after: { status, severity: next.severity, points: next.points, ruleId: next.rule_id, reason, noticeId },
    });
  });
  return getDeduction(db, ctx, { id });
}
