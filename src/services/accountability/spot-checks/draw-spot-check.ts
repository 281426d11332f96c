import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/connect.ts';
import { drawSpotCheckSample } from '../../../domain/accountability/draw-spot-check-sample.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import type { DrawSpotCheckBody } from '../../../contracts/spot-checks.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { resolvePeriod } from '../load-accountability-viewer.ts';
import { getSpotCheck, NO_DEPARTMENT, type SpotCheckView } from './views.ts';

/**
 * The office draws this period's sample of closed tickets: reproducible (the seed is stored and the same
 * seed over the same closed tickets draws the same sample), a share or a count, stratified by the
 * department that handled the ticket (else the owner's).
 */
export async function drawSpotCheck(db: Db, ctx: RequestContext, input: DrawSpotCheckBody & { nowMs: number }): Promise<SpotCheckView> {
  const { nowMs } = input;
  requireStaff(ctx, 'office');
  const period = resolvePeriod(input.period);
  const seed = input.seed == null || input.seed === '' ? randomBytes(8).toString('hex') : (readText(input.seed, 'seed', 200) as string);
  const tickets = await db
    .selectFrom('tickets')
    .select(['id', 'owner_id', 'handler_id', 'owner_department_id', 'handler_department_id'])
    .where('status', '=', 'closed')
    .where('closed_at', '>=', new Date(period.startMs))
    .where('closed_at', '<', new Date(period.endMs))
    .execute();
  const items = tickets.map((t) => {
    const departmentId = t.handler_department_id ?? t.owner_department_id;
    return { id: String(t.id), departmentId: departmentId === null ? NO_DEPARTMENT : String(departmentId), row: t, department: departmentId };
  });
  const { sample, strata } = drawSpotCheckSample(items, {
    seed,
    ...(input.share != null ? { share: input.share } : {}),
    ...(input.count != null ? { count: input.count } : {}),
    stratifyByDepartment: input.stratifyByDepartment ?? true,
  });
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('spot_checks')
      .values({
        period: period.key, seed, share: input.share ?? null, count: input.count ?? null, stratify: input.stratifyByDepartment ?? true, population: items.length,
        strata: JSON.stringify(strata), drawn_at: new Date(nowMs), drawn_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (sample.length > 0) {
      await trx.insertInto('spot_check_items').values(sample.map((s) => ({
        spot_check_id: row.id, ticket_id: s.row.id, department_id: s.department, owner_id: s.row.owner_id, handler_id: s.row.handler_id,
      }))).execute();
    }
    await recordAudit(trx, ctx, { action: 'spot_check.draw', entity: 'spot_check', entityId: row.id, after: { period: period.key, seed, share: input.share ?? null, count: input.count ?? null, sampled: sample.map((s) => Number(s.id)).sort((a, b) => a - b) } });
    return row.id;
  });
  return getSpotCheck(db, ctx, { id });
}
