import type { CreateVisitPlanBody, VisitPlanView } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { validateVisitPlan } from '../../domain/care/care-rules.ts';
import { DomainError, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireCareEditor } from './care-common.ts';
import { checkVisitor, toPlanColumns } from './check-visitor.ts';
import { getVisitPlanView } from './views.ts';

/** Adds a visit plan to an open register entry. */
export async function createVisitPlan(db: Db, ctx: RequestContext, input: { entryId: number; nowMs: number } & CreateVisitPlanBody): Promise<VisitPlanView> {
  requireCareEditor(ctx);
  const { entryId, nowMs, ...plan } = input;
  const fields = validateVisitPlan(plan);
  const id = await db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('care_entries').select(['active']).where('id', '=', entryId).forUpdate().executeTakeFirst();
    if (!entry) throw notFound(`No special-care entry with id ${entryId}`);
    if (!entry.active) throw new DomainError('wrong_state', 'This entry is closed; plans can be added only to open entries', undefined, 'closed');
    await checkVisitor(trx, fields);
    const row = await trx.insertInto('care_visit_plans')
      .values({ entry_id: entryId, ...toPlanColumns(fields), created_by: ctx.actor.id, created_at: new Date(nowMs), updated_at: new Date(nowMs) })
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'care.plan.create', entity: 'care_visit_plan', entityId: row.id, before: null, after: { entryId, ...fields } });
    return row.id;
  });
  return getVisitPlanView(db, { id, nowMs });
}
