import type { DepartmentView } from '../../contracts/departments.ts';
import type { Db } from '../../db/connect.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from './require-role.ts';
import { getDepartment, toAuditableDepartment } from './views.ts';

/**
 * Deletes a department nobody refers to. One that still has people, sub-departments or duties
 * (or, later, open work) is deactivated instead, so history keeps pointing at it.
 */
export async function deleteDepartment(db: Db, ctx: RequestContext, input: { id: number }): Promise<{ deleted: true; department: null } | { deleted: false; department: DepartmentView }> {
  requireStaff(ctx, 'admin');
  const { id } = input;
  return db.transaction().execute(async (trx) => {
    const before = await getDepartment(trx, id);
    const [staffRef, childRef, categoryRef] = await Promise.all([
      trx.selectFrom('staff').select('id').where('department_id', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('departments').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('categories').select('id').where('department_id', '=', id).limit(1).executeTakeFirst(),
    ]);
    if (staffRef || childRef || categoryRef) {
      await trx.updateTable('departments').set({ active: false, updated_at: new Date() }).where('id', '=', id).execute();
      const after = await getDepartment(trx, id);
      await recordAudit(trx, ctx, { action: 'department.deactivate', entity: 'department', entityId: id, before: toAuditableDepartment(before), after: toAuditableDepartment(after) });
      return { deleted: false, department: after };
    }
    await trx.deleteFrom('departments').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'department.delete', entity: 'department', entityId: id, before: toAuditableDepartment(before), after: null });
    return { deleted: true, department: null };
  });
}
