import type { CreateDepartmentBody, DepartmentView } from '../../contracts/departments.ts';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { normalizeName } from '../../domain/org/validate-staff.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { assertDepartmentHead, assertDepartmentParent, conflictDepartmentName } from './department-refs.ts';
import { requireStaff } from './require-role.ts';
import { getDepartment, toAuditableDepartment } from './views.ts';

export async function createDepartment(db: Db, ctx: RequestContext, input: CreateDepartmentBody): Promise<DepartmentView> {
  requireStaff(ctx, 'admin');
  const name = normalizeName(input.name);
  await assertDepartmentParent(db, null, input.parentId);
  await assertDepartmentHead(db, input.headId);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('departments').values({ name, parent_id: input.parentId ?? null, head_id: input.headId ?? null }).returning('id').executeTakeFirstOrThrow();
      const dept = await getDepartment(trx, id);
      await recordAudit(trx, ctx, { action: 'department.create', entity: 'department', entityId: id, before: null, after: toAuditableDepartment(dept) });
      return dept;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'departments_sibling_name_key')) throw conflictDepartmentName(name);
    throw err;
  }
}
