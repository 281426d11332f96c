import type { Db } from '../../db/connect.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import type { UpdateDimensionBody } from '../../contracts/surveys.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { readDimensionName } from './read-dimension-name.ts';
import { toDimensionView, type DimensionRow, type SurveyDimensionView } from './views.ts';

/** Renames, reorders or (de)activates a dimension; a deactivated one stays on old answers but new questions cannot use it. */
export async function updateSurveyDimension(db: Db, ctx: RequestContext, { key, changes: input }: { key: string; changes: UpdateDimensionBody }): Promise<SurveyDimensionView> {
  requireStaff(ctx, 'admin', 'office');
  const set: Partial<DimensionRow> = {};
  if (input.nameZh !== undefined) set.name_zh = readDimensionName(input.nameZh, 'nameZh');
  if (input.nameEn !== undefined) set.name_en = readDimensionName(input.nameEn, 'nameEn');
  if (input.description !== undefined) set.description = input.description.trim();
  if (input.position !== undefined) set.position = input.position;
  if (input.active !== undefined) set.active = input.active;
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('survey_dimensions').select(['key', 'name_zh', 'name_en', 'description', 'position', 'active']).where('key', '=', key).forUpdate().executeTakeFirst();
    if (!before) throw notFound(`No survey dimension with the key "${key}"`);
    const after = Object.keys(set).length === 0 ? before
      : await trx.updateTable('survey_dimensions').set({ ...set, updated_at: new Date() }).where('key', '=', key).returning(['key', 'name_zh', 'name_en', 'description', 'position', 'active']).executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'survey_dimension.update', entity: 'survey_dimension', entityId: key, before: { ...toDimensionView(before) }, after: { ...toDimensionView(after) } });
    return toDimensionView(after);
  });
}
