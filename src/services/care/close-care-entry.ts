import type { CareEntryDetail, CloseCareEntryBody } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { CARE_TEXT_LIMITS } from '../../domain/care/care-rules.ts';
import { DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { checkEntryVersion, lockCareEntry, requireCareEditor } from './care-common.ts';
import { getCareEntry } from './views.ts';

/** Takes a customer off the register with a reason; their plans stop generating visits. */
export async function closeCareEntry(db: Db, ctx: RequestContext, input: { id: number; nowMs: number } & CloseCareEntryBody): Promise<CareEntryDetail> {
  requireCareEditor(ctx);
  const { id, nowMs } = input;
  const reason = (input.reason ?? '').trim();
  if (!reason) throw invalid('Say why the customer leaves the register', 'reason');
  if (reason.length > CARE_TEXT_LIMITS.closeReason) throw invalid(`"reason" must be at most ${CARE_TEXT_LIMITS.closeReason} characters`, 'reason');
  await db.transaction().execute(async (trx) => {
    const row = await lockCareEntry(trx, id);
    if (!row) throw notFound(`No special-care entry with id ${id}`);
    checkEntryVersion(input.version, row.version);
    if (!row.active) throw new DomainError('wrong_state', 'This entry is already closed', undefined, 'closed');
    await trx.updateTable('care_entries')
      .set({ active: false, closed_reason: reason, closed_at: new Date(nowMs), closed_by: ctx.actor.id, version: row.version + 1, updated_at: new Date(nowMs) })
      .where('id', '=', id).execute();
    const plans = await trx.updateTable('care_visit_plans').set((eb) => ({ active: false, version: eb('version', '+', 1), updated_at: new Date(nowMs) }))
      .where('entry_id', '=', id).where('active', '=', true).returning('id').execute();
    await recordAudit(trx, ctx, { action: 'care.entry.close', entity: 'care_entry', entityId: id, before: { active: true }, after: { active: false, reason, plansStopped: plans.map((p) => p.id) } });
  });
  return getCareEntry(db, ctx, { id, nowMs });
}
