import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import type { PortalCategory } from './views.ts';

/** The categories a customer may file a request under (the duty catalog's names, not its departments). */
export async function listPortalCategories(db: Db, _ctx: RequestContext): Promise<PortalCategory[]> {
  const rows = await db.selectFrom('categories').select(['id', 'parent_id', 'name', 'description']).where('active', '=', true).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, description: r.description }));
}
