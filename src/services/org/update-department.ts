import type { DepartmentView, UpdateDepartmentBody } from '../../contracts/departments.ts';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { wouldCreateCycle } from '../../domain/org/tree.ts';
import { normalizeName } from '../../domain/org/validate-staff.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { assertDepartmentHead, assertDepartmentParent, conflictDepartmentName, invalidDepartmentCycle } from './department-refs.ts';
import { loadDepartmentNodes } from './load-org.ts';
import { requireStaff } from './require-role.ts';
import { getDepartment, toAuditableDepartment } from './views.ts';

/** Renames, moves, sets the head of, or (de)activates a department. */
export async function updateDepartment(db: Db, ctx: RequestContext, input: UpdateDepartmentBody & { id: number }): Promise<DepartmentView> {
  requireStaff(ctx, 'admin');
  const { id } = input;
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined) patch.name = normalizeName(input.name);
  if (input.parentId !== undefined) {
    await assertDepartmentParent(db, id, input.parentId);
    patch.parent_id = input.parentId;
  }
  if (input.headId !== undefined) {
    await assertDepartmentHead(db, input.headId);
    patch.head_id = input.headId;
  }
  if (input.active !== undefined) patch.active = input.active;
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await getDepartment(trx, id);
      if (Object.keys(patch).length > 0) await trx.updateTable('departments').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
      // Re-check the tree inside the transaction: two moves at once must not build a loop between them.
      if (input.parentId !== undefined && input.parentId !== null && wouldCreateCycle(await loadDepartmentNodes(trx), id, input.parentId)) {
        throw invalidDepartmentCycle();
      }
      const after = await getDepartment(trx, id);
      await recordAudit(trx, ctx, { action: 'department.update', entity: 'department', entityId: id, before: toAuditableDepartment(before), after: toAuditableDepartment(after) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'departments_sibling_name_key')) throw conflictDepartmentName(String(patch.name ?? ''));
    throw err;
  }
}
