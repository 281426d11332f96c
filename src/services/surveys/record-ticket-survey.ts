import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { build24x7Calendar, compileCalendar } from '../../domain/calendar/index.ts';
import { computeSurveyDueAt } from '../../domain/surveys/compute-survey-due-at.ts';
import { parseSurveyAnswers } from '../../domain/surveys/parse-survey-answers.ts';
import type { SurveyQuestion } from '../../domain/surveys/survey-question.ts';
import type { TicketAction } from '../../domain/tickets/index.ts';
import { recordAudit } from '../audit.ts';
import { loadCalendar } from '../commitments/load-calendars.ts';
import type { RequestContext } from '../context.ts';

type Trx = Transaction<Database>;

/** The calendar "due within 1 working day" counts on: the built-in China mainland calendar. */
async function computeDueAt(trx: Trx, resolvedAtMs: number): Promise<number> {
  const row = await trx.selectFrom('calendars').select('id').where('builtin', '=', 'china_mainland').executeTakeFirst();
  if (row) {
    const loaded = await loadCalendar(trx, row.id);
    return computeSurveyDueAt(resolvedAtMs, loaded.definition, loaded.calendar);
  }
  // Only if someone removed the built-in row: a resolution must never fail for want of a calendar.
  const fallback = build24x7Calendar('Asia/Shanghai');
  return computeSurveyDueAt(resolvedAtMs, fallback, compileCalendar(fallback));
}

/** The template callback surveys ask now, at its current version; null when none is chosen. */
async function findCallbackTemplate(trx: Trx): Promise<{ id: number; version: number } | null> {
  const row = await trx.selectFrom('survey_templates').select(['id', 'current_version']).where('for_callback', '=', true).where('active', '=', true).executeTakeFirst();
  return row ? { id: row.id, version: row.current_version } : null;
}

/** The questions of one template version; none for a survey without a template. */
export async function loadSurveyQuestions(db: Pick<Trx, 'selectFrom'>, templateId: number | null, version: number | null): Promise<SurveyQuestion[]> {
  if (templateId === null || version === null) return [];
  const row = await db.selectFrom('survey_template_versions').select('questions').where('template_id', '=', templateId).where('version', '=', version).executeTakeFirst();
  return row?.questions ?? [];
}

/** A callback survey about the ticket's latest resolution, due one working day after it. */
async function createCallbackSurvey(trx: Trx, ticket: { id: number; customer_id: number | null; resolved_at: Date | null }, nowMs: number) {
  const resolvedAtMs = ticket.resolved_at?.getTime() ?? nowMs;
  const template = await findCallbackTemplate(trx);
  return trx
    .insertInto('surveys')
    .values({
      kind: 'callback',
      ticket_id: ticket.id,
      customer_id: ticket.customer_id,
      template_id: template?.id ?? null,
      template_version: template?.version ?? null,
      resolved_at: new Date(resolvedAtMs),
      due_at: new Date(await computeDueAt(trx, resolvedAtMs)),
      created_at: new Date(nowMs),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function expireDueSurveys(trx: Trx, ticketId: number): Promise<void> {
  await trx.updateTable('surveys').set({ status: 'expired' }).where('ticket_id', '=', ticketId).where('status', '=', 'due').execute();
}

/**
 * Who the rating counts for, as things stand now (then frozen): the owner, the handler(s) — the
 * current one and whoever recorded a result — and their departments plus the department it was handed to.
 */
async function creditSurvey(trx: Trx, surveyId: number, ticket: { id: number; owner_id: number | null; handler_id: number | null; handler_department_id: number | null }, satisfaction: number, nowMs: number) {
  const resolvers = await trx.selectFrom('ticket_events').select('actor_id').distinct()
    .where('ticket_id', '=', ticket.id).where('type', '=', 'resolved').where('actor_kind', '=', 'staff').execute();
  const handlerIds = [...new Set([ticket.handler_id, ...resolvers.map((r) => r.actor_id)].filter((id): id is number => id !== null))];
  const people = [...new Set([...(ticket.owner_id === null ? [] : [ticket.owner_id]), ...handlerIds])];
  const staff = people.length === 0 ? [] : await trx.selectFrom('staff').select(['id', 'department_id']).where('id', 'in', people).execute();
  const departmentOf = new Map(staff.map((s) => [s.id, s.department_id]));
  const at = new Date(nowMs);
  const rows: { survey_id: number; role: 'owner' | 'handler' | 'department'; staff_id: number | null; department_id: number | null; satisfaction: number; credited_at: Date }[] = [];
  if (ticket.owner_id !== null) rows.push({ survey_id: surveyId, role: 'owner', staff_id: ticket.owner_id, department_id: departmentOf.get(ticket.owner_id) ?? null, satisfaction, credited_at: at });
  for (const id of handlerIds) rows.push({ survey_id: surveyId, role: 'handler', staff_id: id, department_id: departmentOf.get(id) ?? null, satisfaction, credited_at: at });
  const departments = new Set([...rows.map((r) => r.department_id), ticket.handler_department_id].filter((id): id is number => id !== null));
  for (const id of departments) rows.push({ survey_id: surveyId, role: 'department', staff_id: null, department_id: id, satisfaction, credited_at: at });
  if (rows.length > 0) await trx.insertInto('survey_credits').values(rows).execute();
  return rows.map((r) => ({ role: r.role, staffId: r.staff_id, departmentId: r.department_id }));
}

/** Answers the ticket's open callback survey with the satisfaction just recorded and the template's answers. */
async function answerSurvey(
  trx: Trx,
  ctx: RequestContext,
  ticket: { id: number; customer_id: number | null; resolved_at: Date | null; owner_id: number | null; handler_id: number | null; handler_department_id: number | null },
  input: { satisfaction: number; comment: string | null; channel: string; collectedBy: number | null; answers: unknown },
  nowMs: number,
): Promise<void> {
  let survey: { id: number; template_id: number | null; template_version: number | null } | undefined = await trx
    .selectFrom('surveys').select(['id', 'template_id', 'template_version']).where('ticket_id', '=', ticket.id).where('status', '=', 'due').forUpdate().executeTakeFirst();
  // A ticket resolved before surveys existed has none open: ask the current template now.
  survey ??= await createCallbackSurvey(trx, ticket, nowMs);
  const questions = await loadSurveyQuestions(trx, survey.template_id, survey.template_version);
  const answers = parseSurveyAnswers(input.answers, questions);
  await trx.updateTable('surveys').set({
    status: 'answered', answered_at: new Date(nowMs), satisfaction: input.satisfaction, comment: input.comment, channel: input.channel, collected_by: input.collectedBy,
  }).where('id', '=', survey.id).execute();
  if (answers.length > 0) {
    await trx.insertInto('survey_answers').values(answers.map((a) => ({
      survey_id: survey.id, question_key: a.key, kind: a.answer.kind, dimension: a.dimension, value: JSON.stringify(a.answer.value), score: a.score,
    }))).execute();
  }
  const credits = await creditSurvey(trx, survey.id, ticket, input.satisfaction, nowMs);
  await recordAudit(trx, ctx, {
    action: 'survey.answer',
    entity: 'survey',
    entityId: survey.id,
    before: { status: 'due' },
    after: { status: 'answered', ticketId: ticket.id, satisfaction: input.satisfaction, channel: input.channel, answers: Object.fromEntries(answers.map((a) => [a.key, a.answer.value])), credits },
  });
}

const readComment = (comment: unknown) => (typeof comment === 'string' && comment.trim() !== '' ? comment.trim() : null);

/**
 * The survey side of a ticket action, in the action's transaction (called by performTicketAction
 * after the ticket is saved): resolving opens a callback survey due in 1 working day; a callback or a
 * customer's rating answers it and credits the rating; reopening or closing expires an open one.
 */
export async function recordTicketSurvey(trx: Trx, ctx: RequestContext, input: { ticketId: number; action: TicketAction; nowMs: number }): Promise<void> {
  const { action } = input;
  if (action.type !== 'resolve' && action.type !== 'callback' && action.type !== 'rate' && action.type !== 'reopen' && action.type !== 'close') return;
  const ticket = await trx.selectFrom('tickets').select(['id', 'customer_id', 'resolved_at', 'owner_id', 'handler_id', 'handler_department_id']).where('id', '=', input.ticketId).executeTakeFirstOrThrow();
  switch (action.type) {
    case 'resolve':
      await expireDueSurveys(trx, ticket.id);
      await createCallbackSurvey(trx, ticket, input.nowMs);
      return;
    case 'callback':
      return answerSurvey(trx, ctx, ticket, {
        satisfaction: action.satisfaction, comment: readComment(action.comment), channel: action.channel,
        collectedBy: ctx.actor.kind === 'staff' ? ctx.actor.id : null, answers: action.answers,
      }, input.nowMs);
    case 'rate':
      return answerSurvey(trx, ctx, ticket, {
        satisfaction: action.satisfaction, comment: readComment(action.comment), channel: action.via ?? 'portal', collectedBy: null, answers: action.answers,
      }, input.nowMs);
    default:
      return expireDueSurveys(trx, ticket.id);
  }
}
