import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Database } from '../../db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { isSameQuestions, validateSurveyQuestions, type SurveyQuestion } from '../../domain/surveys/survey-question.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadActiveDimensionKeys } from './survey-dimensions.ts';

export interface SurveyTemplateVersionView {
  version: number;
  questions: SurveyQuestion[];
  createdAt: string;
  createdById: number | null;
  createdByName: string | null;
}

export interface SurveyTemplateView {
  id: number;
  name: string;
  active: boolean;
  /** Callback surveys ask this template (at most one template at a time). */
  forCallback: boolean;
  currentVersion: number;
  /** Send it back with an edit: a different current revision means someone else edited meanwhile (409). */
  revision: number;
  /** The current version's questions. */
  questions: SurveyQuestion[];
  /** Every version, newest first (without their questions: GET …/versions/:version). */
  versions: Omit<SurveyTemplateVersionView, 'questions'>[];
  /** How many surveys asked any version of it. */
  surveyCount: number;
  createdAt: string;
  updatedAt: string;
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

async function readTemplate(db: Reader, id: number): Promise<SurveyTemplateView> {
  const [template] = await loadTemplates(db, id);
  if (!template) throw notFound(`No survey template with id ${id}`);
  return template;
}

export async function getSurveyTemplate(db: Db, ctx: RequestContext, id: number): Promise<SurveyTemplateView> {
  requireStaff(ctx, 'admin', 'office');
  return readTemplate(db, id);
}

/** One version's questions exactly as surveys of that version asked them. */
export async function getSurveyTemplateVersion(db: Db, ctx: RequestContext, id: number, version: number): Promise<SurveyTemplateVersionView & { templateId: number }> {
  requireStaff(ctx, 'admin', 'office');
  const row = await db.selectFrom('survey_template_versions as v').leftJoin('staff', 'staff.id', 'v.created_by')
    .select(['v.template_id', 'v.version', 'v.questions', 'v.created_at', 'v.created_by', 'staff.name as created_by_name'])
    .where('v.template_id', '=', id).where('v.version', '=', version).executeTakeFirst();
  if (!row) throw notFound(`Survey template ${id} has no version ${version}`);
  return { templateId: row.template_id, version: row.version, questions: row.questions, createdAt: row.created_at.toISOString(), createdById: row.created_by, createdByName: row.created_by_name };
}

function readName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) throw invalid('The name must be 1–200 characters', 'name');
  return trimmed;
}

const auditable = (t: SurveyTemplateView) => ({ name: t.name, active: t.active, forCallback: t.forCallback, currentVersion: t.currentVersion, questions: t.questions });

/** Makes `id` the callback template: whichever template was it stops being it, with its own audit record. */
async function takeOverCallback(trx: Transaction<Database>, ctx: RequestContext, id: number, nowMs: number): Promise<void> {
  const previous = await trx.selectFrom('survey_templates').select('id').where('for_callback', '=', true).where('id', '<>', id).forUpdate().executeTakeFirst();
  if (!previous) return;
  const before = await readTemplate(trx, previous.id);
  await trx.updateTable('survey_templates').set({ for_callback: false, revision: (eb) => eb('revision', '+', 1), updated_at: new Date(nowMs) }).where('id', '=', previous.id).execute();
  await recordAudit(trx, ctx, { action: 'survey_template.update', entity: 'survey_template', entityId: previous.id, before: auditable(before), after: { ...auditable(before), forCallback: false } });
}

const callbackTaken = () => conflict('Another template was made the callback survey at the same moment; reload and try again.', 'forCallback', 'callback_template_taken');

export interface CreateTemplateInput {
  name: string;
  questions: unknown;
  forCallback?: boolean;
}

/** Admin or office writes a template; version 1 holds its questions. */
export async function createSurveyTemplate(db: Db, ctx: RequestContext, input: CreateTemplateInput, nowMs: number): Promise<SurveyTemplateView> {
  requireStaff(ctx, 'admin', 'office');
  const name = readName(input.name);
  const questions = validateSurveyQuestions(input.questions, await loadActiveDimensionKeys(db));
  const staffId = ctx.actor.id;
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('survey_templates').values({ name, created_at: new Date(nowMs), updated_at: new Date(nowMs) }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('survey_template_versions').values({ template_id: id, version: 1, questions: JSON.stringify(questions), created_by: staffId, created_at: new Date(nowMs) }).execute();
      if (input.forCallback) {
        await takeOverCallback(trx, ctx, id, nowMs);
        await trx.updateTable('survey_templates').set({ for_callback: true }).where('id', '=', id).execute();
      }
      const created = await readTemplate(trx, id);
      await recordAudit(trx, ctx, { action: 'survey_template.create', entity: 'survey_template', entityId: id, before: null, after: auditable(created) });
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'survey_templates_callback_key')) throw callbackTaken();
    throw err;
  }
}

export interface UpdateTemplateInput {
  /** The revision the person saw; a different current one answers 409. */
  revision?: number;
  name?: string;
  /** New questions add a version; the same questions add none. */
  questions?: unknown;
  active?: boolean;
  forCallback?: boolean;
}

/**
 * Edits a template. Questions are never changed in place: different questions become a new version,
 * and every survey keeps the version it asked. Deactivating the callback template stops callback
 * surveys from asking questions until another one is chosen.
 */
export async function updateSurveyTemplate(db: Db, ctx: RequestContext, id: number, input: UpdateTemplateInput, nowMs: number): Promise<SurveyTemplateView> {
  requireStaff(ctx, 'admin', 'office');
  const name = input.name === undefined ? undefined : readName(input.name);
  const questions = input.questions === undefined ? undefined : validateSurveyQuestions(input.questions, await loadActiveDimensionKeys(db));
  const staffId = ctx.actor.id;
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('survey_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound(`No survey template with id ${id}`);
      if (input.revision !== undefined && input.revision !== row.revision) {
        throw new DomainError('stale', `Someone else changed this template meanwhile (now revision ${row.revision}); reload it and try again.`, 'revision', 'stale_version');
      }
      const before = await readTemplate(trx, id);
      const active = input.active ?? row.active;
      if (input.forCallback === true && !active) throw invalid('An inactive template cannot be the callback survey', 'forCallback');
      let version = row.current_version;
      if (questions && !isSameQuestions(questions, before.questions)) {
        version += 1;
        await trx.insertInto('survey_template_versions').values({ template_id: id, version, questions: JSON.stringify(questions), created_by: staffId, created_at: new Date(nowMs) }).execute();
      }
      if (input.forCallback === true && !row.for_callback) await takeOverCallback(trx, ctx, id, nowMs);
      // Deactivating the callback template also stops it being one (the table refuses an inactive callback template).
      const forCallback = active ? (input.forCallback ?? row.for_callback) : false;
      await trx.updateTable('survey_templates')
        .set({ name: name ?? row.name, active, for_callback: forCallback, current_version: version, revision: row.revision + 1, updated_at: new Date(nowMs) })
        .where('id', '=', id).execute();
      const after = await readTemplate(trx, id);
      await recordAudit(trx, ctx, { action: 'survey_template.update', entity: 'survey_template', entityId: id, before: auditable(before), after: auditable(after) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'survey_templates_callback_key')) throw callbackTaken();
    throw err;
  }
}
