import type { CategoryView, CreateCategoryBody } from '../../contracts/categories.ts';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { assertCategoryRefs, conflictCategoryName, invalidTopLevelCategory, toCategoryRow } from './category-refs.ts';
import { requireStaff } from './require-role.ts';
import { getCategory, toAuditableCategory } from './views.ts';

export async function createCategory(db: Db, ctx: RequestContext, input: CreateCategoryBody): Promise<CategoryView> {
  requireStaff(ctx, 'admin');
  const row = toCategoryRow(input);
  if (input.parentId === undefined || input.parentId === null) {
    if (input.departmentId === undefined || input.departmentId === null) throw invalidTopLevelCategory();
  }
  await assertCategoryRefs(db, null, input);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('categories').values(row as { name: string }).returning('id').executeTakeFirstOrThrow();
      const category = await getCategory(trx, id);
      await recordAudit(trx, ctx, { action: 'category.create', entity: 'category', entityId: id, before: null, after: toAuditableCategory(category) });
      return category;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'categories_sibling_name_key')) throw conflictCategoryName(row.name);
    throw err;
  }
}
