import type { Transaction } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Database } from '../../../db/schema.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import { DomainError, notFound } from '../../../domain/shared/domain-error.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { getNotice, type NoticeView } from './views.ts';

/**
 * Withdraws a notice inside the caller's transaction (also when an appeal overturns the complaint behind
 * it): it leaves everyone's board but is never deleted. Withdrawing twice changes nothing (false).
 */
export async function withdrawNoticeIn(trx: Transaction<Database>, ctx: RequestContext, input: { id: number; reason: string; nowMs: number; field?: string }): Promise<boolean> {
  const { id, nowMs } = input;
  const text = readText(input.reason, input.field ?? 'reason', 2000) as string;
  const row = await trx.selectFrom('notices').select(['id', 'withdrawn_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound(`No notice with id ${id}`);
  if (row.withdrawn_at !== null) return false;
  await trx.updateTable('notices').set({ withdrawn_at: new Date(nowMs), withdrawn_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null, withdrawn_reason: text }).where('id', '=', id).execute();
  await recordAudit(trx, ctx, { action: 'notice.withdraw', entity: 'notice', entityId: id, before: { withdrawnAt: null }, after: { withdrawnAt: new Date(nowMs).toISOString(), reason: text } });
  return true;
}

/** The office withdraws a notice by hand, with the reason; a notice already withdrawn is a conflict. */
export async function withdrawNotice(db: Db, ctx: RequestContext, input: { id: number; reason: string; nowMs: number }): Promise<NoticeView> {
  requireStaff(ctx, 'office');
  await db.transaction().execute(async (trx) => {
    if (!(await withdrawNoticeIn(trx, ctx, input))) throw new DomainError('wrong_state', 'This notice was withdrawn already.', undefined, 'wrong_state');
  });
  return getNotice(db, ctx, { id: input.id });
}
