import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, invalid } from '../../domain/shared/domain-error.ts';
import type { CreateDimensionBody } from '../../contracts/surveys.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { readDimensionName } from './read-dimension-name.ts';
import { toDimensionView, type SurveyDimensionView } from './views.ts';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Admin or office adds a dimension; its key is permanent because answers store it. */
export async function createSurveyDimension(db: Db, ctx: RequestContext, input: CreateDimensionBody): Promise<SurveyDimensionView> {
  requireStaff(ctx, 'admin', 'office');
  if (!KEY.test(input.key)) throw invalid('The key must start with a lower-case letter and use only a–z, 0–9 and _ (at most 40)', 'key');
  const values = {
    key: input.key,
    name_zh: readDimensionName(input.nameZh, 'nameZh'),
    name_en: readDimensionName(input.nameEn, 'nameEn'),
    description: (input.description ?? '').trim(),
    position: input.position ?? 100,
    active: input.active ?? true,
  };
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('survey_dimensions').values(values).returning(['key', 'name_zh', 'name_en', 'description', 'position', 'active']).executeTakeFirstOrThrow();
      const view = toDimensionView(row);
      await recordAudit(trx, ctx, { action: 'survey_dimension.create', entity: 'survey_dimension', entityId: view.key, before: null, after: { ...view } });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'survey_dimensions_pkey')) throw conflict(`There is already a dimension with the key "${input.key}"`, 'key', 'key_taken');
    throw err;
  }
}
