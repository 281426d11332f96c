import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { isSameQuestions, validateSurveyQuestions } from '../../domain/surveys/survey-question.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { auditable, callbackTaken, readTemplateName, takeOverCallback } from './take-over-callback.ts';
import { loadActiveDimensionKeys, readTemplate, type SurveyTemplateView } from './views.ts';

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
export async function updateSurveyTemplate(db: Db, ctx: RequestContext, { id, changes: input, nowMs }: { id: number; changes: UpdateTemplateInput; nowMs: number }): Promise<SurveyTemplateView> {
  requireStaff(ctx, 'admin', 'office');
  const name = input.name === undefined ? undefined : readTemplateName(input.name);
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
