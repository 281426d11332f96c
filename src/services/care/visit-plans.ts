import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { validateVisitPlan, type VisitPlanFields, type VisitPlanInput } from '../../domain/care/care-rules.ts';
import { DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { dateText, loadToday, requireCareEditor, timeText } from './care-common.ts';
import { planQuery, toPlanView, type VisitPlanView } from './care-entries.ts';

/** The visitor must be an active staff member, or a department with a head to own its visits. */
async function checkVisitor(trx: Transaction<Database>, fields: VisitPlanFields): Promise<void> {
  if (fields.visitorStaffId !== null) {
    const s = await trx.selectFrom('staff').select(['active']).where('id', '=', fields.visitorStaffId).executeTakeFirst();
    if (!s) throw invalid(`Staff member ${fields.visitorStaffId} does not exist`, 'visitorStaffId');
    if (!s.active) throw invalid('That staff member is deactivated; choose someone else to visit', 'visitorStaffId');
  } else {
    const d = await trx.selectFrom('departments').select(['active', 'head_id']).where('id', '=', fields.visitorDepartmentId!).executeTakeFirst();
    if (!d) throw invalid(`Department ${fields.visitorDepartmentId} does not exist`, 'visitorDepartmentId');
    if (!d.active) throw invalid('That department is no longer active', 'visitorDepartmentId');
    if (d.head_id === null) throw invalid('That department has no head to own its visits; name a head or a person', 'visitorDepartmentId');
  }
}

const toColumns = (f: VisitPlanFields) => ({
  interval_unit: f.unit, interval_count: f.every, starts_on: f.startsOn, preferred_weekday: f.preferredWeekday, preferred_from: f.preferredFrom,
  preferred_until: f.preferredUntil, preferred_note: f.preferredNote, visitor_staff_id: f.visitorStaffId, visitor_department_id: f.visitorDepartmentId, active: f.active,
});

async function loadPlanView(db: Db, id: number, nowMs: number): Promise<VisitPlanView> {
  return toPlanView(await planQuery(db).where('p.id', '=', id).executeTakeFirstOrThrow(), await loadToday(db, nowMs));
}

/** Adds a visit plan to an open register entry. */
export async function createVisitPlan(db: Db, ctx: RequestContext, entryId: number, input: VisitPlanInput, nowMs: number): Promise<VisitPlanView> {
  requireCareEditor(ctx);
  const fields = validateVisitPlan(input);
  const id = await db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('care_entries').select(['active']).where('id', '=', entryId).forUpdate().executeTakeFirst();
    if (!entry) throw notFound(`No special-care entry with id ${entryId}`);
    if (!entry.active) throw new DomainError('wrong_state', 'This entry is closed; plans can be added only to open entries', undefined, 'closed');
    await checkVisitor(trx, fields);
    const row = await trx.insertInto('care_visit_plans')
      .values({ entry_id: entryId, ...toColumns(fields), created_by: ctx.actor.id, created_at: new Date(nowMs), updated_at: new Date(nowMs) })
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'care.plan.create', entity: 'care_visit_plan', entityId: row.id, before: null, after: { entryId, ...fields } });
    return row.id;
  });
  return loadPlanView(db, id, nowMs);
}

/**
 * Changes a plan (or pauses it with `active: false`). Visits already generated keep their dates and
 * tickets; the changed cadence applies to the dates generated from now on.
 */
export async function updateVisitPlan(db: Db, ctx: RequestContext, id: number, input: VisitPlanInput & { version?: number }, nowMs: number): Promise<VisitPlanView> {
  requireCareEditor(ctx);
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
    const { version: _v, ...changes } = input;
    // Naming a person replaces a department and the other way round.
    const merged: VisitPlanInput = { ...before, ...changes };
    if ('visitorStaffId' in changes && changes.visitorStaffId !== null && !('visitorDepartmentId' in changes)) merged.visitorDepartmentId = null;
    if ('visitorDepartmentId' in changes && changes.visitorDepartmentId !== null && !('visitorStaffId' in changes)) merged.visitorStaffId = null;
    const fields = validateVisitPlan(merged);
    if (fields.active && !row.entry_active) throw new DomainError('wrong_state', 'The entry is closed, so its plans cannot be resumed', 'active', 'closed');
    if (fields.visitorStaffId !== before.visitorStaffId || fields.visitorDepartmentId !== before.visitorDepartmentId) await checkVisitor(trx, fields);
    await trx.updateTable('care_visit_plans').set({ ...toColumns(fields), version: row.version + 1, updated_at: new Date(nowMs) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'care.plan.update', entity: 'care_visit_plan', entityId: id, before: { ...before }, after: { ...fields } });
  });
  return loadPlanView(db, id, nowMs);
}
