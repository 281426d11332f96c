import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { VisitPlanFields } from '../../domain/care/care-rules.ts';
import { invalid } from '../../domain/shared/domain-error.ts';

/** The visitor must be an active staff member, or a department with a head to own its visits. */
export async function checkVisitor(trx: Transaction<Database>, fields: VisitPlanFields): Promise<void> {
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

/** The plan's columns from its checked fields. */
export const toPlanColumns = (f: VisitPlanFields) => ({
  interval_unit: f.unit, interval_count: f.every, starts_on: f.startsOn, preferred_weekday: f.preferredWeekday, preferred_from: f.preferredFrom,
  preferred_until: f.preferredUntil, preferred_note: f.preferredNote, visitor_staff_id: f.visitorStaffId, visitor_department_id: f.visitorDepartmentId, active: f.active,
});
