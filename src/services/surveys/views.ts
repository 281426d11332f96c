import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import type { SurveyDimensionView, SurveyTemplateVersionView, SurveyTemplateView } from '../../contracts/surveys.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

/** The read side of survey dimensions and templates: rows → the views the API answers with. */

export type { SurveyDimensionView, SurveyTemplateVersionView, SurveyTemplateView } from '../../contracts/surveys.ts';

export type DimensionRow = { key: string; name_zh: string; name_en: string; description: string; position: number; active: boolean };
export const toDimensionView = (r: DimensionRow): SurveyDimensionView => ({ key: r.key, nameZh: r.name_zh, nameEn: r.name_en, description: r.description, position: r.position, active: r.active });

/** Every dimension in display order; any staff member may read them (reports name them). */
export async function listSurveyDimensions(db: Db, ctx: RequestContext): Promise<SurveyDimensionView[]> {
  requireStaff(ctx);
  const rows = await db.selectFrom('survey_dimensions').select(['key', 'name_zh', 'name_en', 'description', 'position', 'active']).orderBy('position').orderBy('key').execute();
  return rows.map(toDimensionView);
}

/** The keys questions may use now: the active dimensions. */
export async function loadActiveDimensionKeys(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('survey_dimensions').select('key').where('active', '=', true).execute();
  return new Set(rows.map((r) => r.key));
}

type Reader = Db | Transaction<Database>;

async function loadTemplates(db: Reader, id?: number): Promise<SurveyTemplateView[]> {
  let query = db.selectFrom('survey_templates').selectAll().orderBy('for_callback', 'desc').orderBy('active', 'desc').orderBy('name').orderBy('id');
  if (id !== undefined) query = query.where('id', '=', id);
  const templates = await query.execute();
  if (templates.length === 0) return [];
  const ids = templates.map((t) => t.id);
  const [versions, counts] = await Promise.all([
    db.selectFrom('survey_template_versions as v').leftJoin('staff', 'staff.id', 'v.created_by')
      .select(['v.template_id', 'v.version', 'v.questions', 'v.created_at', 'v.created_by', 'staff.name as created_by_name'])
      .where('v.template_id', 'in', ids).orderBy('v.version', 'desc').execute(),
    db.selectFrom('surveys').select((eb) => ['template_id', eb.fn.countAll<number>().as('n')]).where('template_id', 'in', ids).groupBy('template_id').execute(),
  ]);
  const countOf = new Map(counts.map((c) => [c.template_id, Number(c.n)]));
  return templates.map((t) => {
    const own = versions.filter((v) => v.template_id === t.id);
    return {
      id: t.id,
      name: t.name,
      active: t.active,
      forCallback: t.for_callback,
      currentVersion: t.current_version,
      revision: t.revision,
      questions: own.find((v) => v.version === t.current_version)?.questions ?? [],
      versions: own.map((v) => ({ version: v.version, createdAt: v.created_at.toISOString(), createdById: v.created_by, createdByName: v.created_by_name })),
      surveyCount: countOf.get(t.id) ?? 0,
      createdAt: t.created_at.toISOString(),
      updatedAt: t.updated_at.toISOString(),
    };
  });
}

export async function listSurveyTemplates(db: Db, ctx: RequestContext): Promise<SurveyTemplateView[]> {
  requireStaff(ctx, 'admin', 'office');
  return loadTemplates(db);
}

export async function readTemplate(db: Reader, id: number): Promise<SurveyTemplateView> {
  const [template] = await loadTemplates(db, id);
  if (!template) throw notFound(`No survey template with id ${id}`);
  return template;
}

export async function getSurveyTemplate(db: Db, ctx: RequestContext, id: number): Promise<SurveyTemplateView> {
  requireStaff(ctx, 'admin', 'office');
  return readTemplate(db, id);
}

/** One version's questions exactly as surveys of that version asked them. */
export async function getSurveyTemplateVersion(db: Db, ctx: RequestContext, id: number, version: number): Promise<SurveyTemplateVersionView> {
  requireStaff(ctx, 'admin', 'office');
  const row = await db.selectFrom('survey_template_versions as v').leftJoin('staff', 'staff.id', 'v.created_by')
    .select(['v.template_id', 'v.version', 'v.questions', 'v.created_at', 'v.created_by', 'staff.name as created_by_name'])
    .where('v.template_id', '=', id).where('v.version', '=', version).executeTakeFirst();
  if (!row) throw notFound(`Survey template ${id} has no version ${version}`);
  return { templateId: row.template_id, version: row.version, questions: row.questions, createdAt: row.created_at.toISOString(), createdById: row.created_by, createdByName: row.created_by_name };
}
