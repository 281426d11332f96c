import type { CategoryView, UpdateCategoryBody } from '../../contracts/categories.ts';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { wouldCreateCycle } from '../../domain/org/tree.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { assertCategoryRefs, conflictCategoryName, invalidCategoryCycle, invalidTopLevelCategory, toCategoryRow } from './category-refs.ts';
import { loadCategoryNodes } from './load-org.ts';
import { requireStaff } from './require-role.ts';
import { getCategory, toAuditableCategory } from './views.ts';

export async function updateCategory(db: Db, ctx: RequestContext, input: UpdateCategoryBody & { id: number }): Promise<CategoryView> {
  requireStaff(ctx, 'admin');
  const { id, ...fields } = input;
  const row = toCategoryRow(fields);
  await assertCategoryRefs(db, id, fields);
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await getCategory(trx, id);
      const parentAfter = fields.parentId !== undefined ? fields.parentId : before.parentId;
      const deptAfter = fields.departmentId !== undefined ? fields.departmentId : before.departmentId;
      if (parentAfter === null && deptAfter === null) throw invalidTopLevelCategory();
      if (Object.keys(row).length > 0) await trx.updateTable('categories').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
      // Re-check the tree inside the transaction: two moves at once must not build a loop between them.
      if (fields.parentId !== undefined && fields.parentId !== null && wouldCreateCycle(await loadCategoryNodes(trx), id, fields.parentId)) {
        throw invalidCategoryCycle();
      }
      const after = await getCategory(trx, id);
      await recordAudit(trx, ctx, { action: 'category.update', entity: 'category', entityId: id, before: toAuditableCategory(before), after: toAuditableCategory(after) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'categories_sibling_name_key')) throw conflictCategoryName(row.name);
    throw err;
  }
}
