import type { CategoryView } from '../../contracts/categories.ts';
import type { Db } from '../../db/connect.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from './require-role.ts';
import { getCategory, toAuditableCategory } from './views.ts';

/** Deletes an unused category; one with sub-categories (or, later, tickets) is deactivated instead. */
export async function deleteCategory(db: Db, ctx: RequestContext, input: { id: number }): Promise<{ deleted: true; category: null } | { deleted: false; category: CategoryView }> {
  requireStaff(ctx, 'admin');
  const { id } = input;
  return db.transaction().execute(async (trx) => {
    const before = await getCategory(trx, id);
    const child = await trx.selectFrom('categories').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
    if (child) {
      await trx.updateTable('categories').set({ active: false, updated_at: new Date() }).where('id', '=', id).execute();
      const after = await getCategory(trx, id);
      await recordAudit(trx, ctx, { action: 'category.deactivate', entity: 'category', entityId: id, before: toAuditableCategory(before), after: toAuditableCategory(after) });
      return { deleted: false, category: after };
    }
    await trx.deleteFrom('categories').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'category.delete', entity: 'category', entityId: id, before: toAuditableCategory(before), after: null });
    return { deleted: true, category: null };
  });
}
