import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { validateSurveyQuestions } from '../../domain/surveys/survey-question.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { auditable, callbackTaken, readTemplateName, takeOverCallback } from './take-over-callback.ts';
import { loadActiveDimensionKeys, readTemplate, type SurveyTemplateView } from './views.ts';

export interface CreateTemplateInput {
  name: string;
  questions: unknown;
  forCallback?: boolean;
}

/** Admin or office writes a template; version 1 holds its questions. */
export async function createSurveyTemplate(db: Db, ctx: RequestContext, { nowMs, ...input }: CreateTemplateInput & { nowMs: number }): Promise<SurveyTemplateView> {
  requireStaff(ctx, 'admin', 'office');
  const name = readTemplateName(input.name);
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
