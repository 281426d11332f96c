import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { conflict, invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { readTemplate, type SurveyTemplateView } from './views.ts';

/** What creating and editing a template share: its name, its audit shape, and taking over the callback role. */

export function readTemplateName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) throw invalid('The name must be 1–200 characters', 'name');
  return trimmed;
}

export const auditable = (t: SurveyTemplateView) => ({ name: t.name, active: t.active, forCallback: t.forCallback, currentVersion: t.currentVersion, questions: t.questions });

/** Makes `id` the callback template: whichever template was it stops being it, with its own audit record. */
export async function takeOverCallback(trx: Transaction<Database>, ctx: RequestContext, id: number, nowMs: number): Promise<void> {
  const previous = await trx.selectFrom('survey_templates').select('id').where('for_callback', '=', true).where('id', '<>', id).forUpdate().executeTakeFirst();
  if (!previous) return;
  const before = await readTemplate(trx, previous.id);
  await trx.updateTable('survey_templates').set({ for_callback: false, revision: (eb) => eb('revision', '+', 1), updated_at: new Date(nowMs) }).where('id', '=', previous.id).execute();
  await recordAudit(trx, ctx, { action: 'survey_template.update', entity: 'survey_template', entityId: previous.id, before: auditable(before), after: { ...auditable(before), forCallback: false } });
}

export const callbackTaken = () => conflict('Another template was made the callback survey at the same moment; reload and try again.', 'forCallback', 'callback_template_taken');
