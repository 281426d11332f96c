import type { Db } from '../../../db/connect.ts';
import { judgeSpotCheckItem } from '../../../domain/accountability/judge-spot-check-item.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import { invalid, notFound } from '../../../domain/shared/domain-error.ts';
import type { AuditSpotCheckItemBody } from '../../../contracts/spot-checks.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { getSpotCheck, type SpotCheckItemView } from './views.ts';

/** The office records one sampled ticket's checklist; it passes only when every check holds. Re-auditing replaces the answers. */
export async function auditSpotCheckItem(db: Db, ctx: RequestContext, input: AuditSpotCheckItemBody & { id: number; ticketId: number; nowMs: number }): Promise<SpotCheckItemView> {
  requireStaff(ctx, 'office');
  const { id, ticketId, nowMs } = input;
  const { passed } = judgeSpotCheckItem(input);
  const note = readText(input.note, 'note', 2000, true);
  await db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('spot_check_items').selectAll().where('spot_check_id', '=', id).where('ticket_id', '=', ticketId).forUpdate().executeTakeFirst();
    if (!item) throw notFound(`Ticket ${ticketId} is not in spot check ${id}`);
    const after = { ownership_kept: input.ownershipKept, result_told: input.resultTold, callback_made: input.callbackMade, manner_ok: input.mannerOk, passed, note };
    await trx.updateTable('spot_check_items').set({ ...after, audited_at: new Date(nowMs), audited_by: ctx.actor.id }).where('spot_check_id', '=', id).where('ticket_id', '=', ticketId).execute();
    await recordAudit(trx, ctx, {
      action: 'spot_check.audit', entity: 'spot_check_item', entityId: `${id}/${ticketId}`,
      before: { ownership_kept: item.ownership_kept, result_told: item.result_told, callback_made: item.callback_made, manner_ok: item.manner_ok, passed: item.passed, note: item.note },
      after,
    });
  });
  const view = (await getSpotCheck(db, ctx, { id })).items.find((i) => i.ticketId === ticketId);
  if (!view) throw invalid('The ticket left the sample', 'ticketId');
  return view;
}
