import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

/** A service-quality dimension questions are scored on (tangibles, empathy, …). */
export interface SurveyDimensionView {
  key: string;
  nameZh: string;
  nameEn: string;
  description: string;
  position: number;
  active: boolean;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

type Row = { key: string; name_zh: string; name_en: string; description: string; position: number; active: boolean };
const toView = (r: Row): SurveyDimensionView => ({ key: r.key, nameZh: r.name_zh, nameEn: r.name_en, description: r.description, position: r.position, active: r.active });

function readName(value: string, field: string): string {
  const name = value.trim();
  if (name === '' || name.length > 100) throw invalid('A name must be 1–100 characters', field);
  return name;
}

/** Every dimension in display order; any staff member may read them (reports name them). */
export async function listSurveyDimensions(db: Db, ctx: RequestContext): Promise<SurveyDimensionView[]> {
  requireStaff(ctx);
  const rows = await db.selectFrom('survey_dimensions').select(['key', 'name_zh', 'name_en', 'description', 'position', 'active']).orderBy('position').orderBy('key').execute();
  return rows.map(toView);
}

/** The keys questions may use now: the active dimensions. */
export async function loadActiveDimensionKeys(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('survey_dimensions').select('key').where('active', '=', true).execute();
  return new Set(rows.map((r) => r.key));
}

export interface DimensionInput {
  nameZh?: string;
  nameEn?: string;
  description?: string;
  position?: number;
  active?: boolean;
}

/** Admin or office adds a dimension; its key is permanent because answers store it. */
export async function createSurveyDimension(db: Db, ctx: RequestContext, input: DimensionInput & { key: string; nameZh: string; nameEn: string }): Promise<SurveyDimensionView> {
  requireStaff(ctx, 'admin', 'office');
  if (!KEY.test(input.key)) throw invalid('The key must start with a lower-case letter and use only a–z, 0–9 and _ (at most 40)', 'key');
  const values = {
    key: input.key,
    name_zh: readName(input.nameZh, 'nameZh'),
    name_en: readName(input.nameEn, 'nameEn'),
    description: (input.description ?? '').trim(),
    position: input.position ?? 100,
    active: input.active ?? true,
  };
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('survey_dimensions').values(values).returning(['key', 'name_zh', 'name_en', 'description', 'position', 'active']).executeTakeFirstOrThrow();
      const view = toView(row);
      await recordAudit(trx, ctx, { action: 'survey_dimension.create', entity: 'survey_dimension', entityId: view.key, before: null, after: { ...view } });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'survey_dimensions_pkey')) throw conflict(`There is already a dimension with the key "${input.key}"`, 'key', 'key_taken');
    throw err;
  }
}

/** Renames, reorders or (de)activates a dimension; a deactivated one stays on old answers but new questions cannot use it. */
export async function updateSurveyDimension(db: Db, ctx: RequestContext, key: string, input: DimensionInput): Promise<SurveyDimensionView> {
  requireStaff(ctx, 'admin', 'office');
  const set: Partial<Row> = {};
  if (input.nameZh !== undefined) set.name_zh = readName(input.nameZh, 'nameZh');
  if (input.nameEn !== undefined) set.name_en = readName(input.nameEn, 'nameEn');
  if (input.description !== undefined) set.description = input.description.trim();
  if (input.position !== undefined) set.position = input.position;
  if (input.active !== undefined) set.active = input.active;
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('survey_dimensions').select(['key', 'name_zh', 'name_en', 'description', 'position', 'active']).where('key', '=', key).forUpdate().executeTakeFirst();
    if (!before) throw notFound(`No survey dimension with the key "${key}"`);
    const after = Object.keys(set).length === 0 ? before
      : await trx.updateTable('survey_dimensions').set({ ...set, updated_at: new Date() }).where('key', '=', key).returning(['key', 'name_zh', 'name_en', 'description', 'position', 'active']).executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'survey_dimension.update', entity: 'survey_dimension', entityId: key, before: { ...toView(before) }, after: { ...toView(after) } });
    return toView(after);
  });
}
