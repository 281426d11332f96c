import type { UpdateVisitPlanBody, VisitPlanView } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { validateVisitPlan, type VisitPlanFields, type VisitPlanInput } from '../../domain/care/care-rules.ts';
import { DomainError, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { dateText, requireCareEditor, timeText } from './care-common.ts';
import { checkVisitor, toPlanColumns } from './check-visitor.ts';
import { getVisitPlanView } from './views.ts';

/**
 * Changes a plan (or pauses it with `active: false`). Visits already generated keep their dates and
 * tickets; the changed cadence applies to the dates generated from now on.
 */
export async function updateVisitPlan(db: Db, ctx: RequestContext, input: { id: number; nowMs: number } & UpdateVisitPlanBody): Promise<VisitPlanView> {
  requireCareEditor(ctx);
  const { id, nowMs } = input;
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('care_visit_plans as p').innerJoin('care_entries as e', 'e.id', 'p.entry_id')
      .select(['p.id', 'p.entry_id', 'p.interval_unit', 'p.interval_count', dateText('p.starts_on').as('starts_on'), 'p.preferred_weekday', timeText('p.preferred_from').as('preferred_from'),
        timeText('p.preferred_until').as('preferred_until'), 'p.preferred_note', 'p.visitor_staff_id', 'p.visitor_department_id', 'p.active', 'p.version', 'e.active as entry_active'])
      .where('p.id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound(`No visit plan with id ${id}`);
    if (input.version !== undefined && input.version !== row.version) {
      throw new DomainError('stale', `Someone else changed this plan meanwhile (now version ${row.version}); reload it and try again.`, 'version', 'stale_version');
    }
    const before: VisitPlanFields = {
      unit: row.interval_unit, every: row.interval_count, startsOn: row.starts_on, preferredWeekday: row.preferred_weekday, preferredFrom: row.preferred_from,
      preferredUntil: row.preferred_until, preferredNote: row.preferred_note, visitorStaffId: row.visitor_staff_id, visitorDepartmentId: row.visitor_department_id, active: row.active,
    };
    const { id: _id, nowMs: _now, version: _v, ...changes } = input;
    // Naming a person replaces a department and the other way round.
    const merged: VisitPlanInput = { ...before, ...changes };
    if ('visitorStaffId' in changes && changes.visitorStaffId !== null && !('visitorDepartmentId' in changes)) merged.visitorDepartmentId = null;
    if ('visitorDepartmentId' in changes && changes.visitorDepartmentId !== null && !('visitorStaffId' in changes)) merged.visitorStaffId = null;
    const fields = validateVisitPlan(merged);
    if (fields.active && !row.entry_active) throw new DomainError('wrong_state', 'The entry is closed, so its plans cannot be resumed', 'active', 'closed');
    if (fields.visitorStaffId !== before.visitorStaffId || fields.visitorDepartmentId !== before.visitorDepartmentId) await checkVisitor(trx, fields);
    await trx.updateTable('care_visit_plans').set({ ...toPlanColumns(fields), version: row.version + 1, updated_at: new Date(nowMs) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'care.plan.update', entity: 'care_visit_plan', entityId: id, before: { ...before }, after: { ...fields } });
  });
  return getVisitPlanView(db, { id, nowMs });
}
