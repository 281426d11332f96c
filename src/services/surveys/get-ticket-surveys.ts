import type { Db } from '../../db/connect.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import type { SurveyQuestion } from '../../domain/surveys/survey-question.ts';
import { canViewTicket } from '../../domain/tickets/index.ts';
import type { CustomerActor, RequestContext } from '../context.ts';
import { loadStaffTicketActor } from '../tickets/load-ticket-actor.ts';
import { toTicketState } from '../tickets/ticket-row.ts';
import type { CustomerSurveyView, TicketSurveyView as SurveyView } from '../../contracts/surveys.ts';
import { loadSurveyQuestions } from './record-ticket-survey.ts';

/** A callback survey as staff see it (SurveyView), and what a customer sees of their own. */
export type { CustomerSurveyView, SurveyAnswerView, TicketSurveyView as SurveyView } from '../../contracts/surveys.ts';

async function loadSurveys(db: Db, ticketId: number, nowMs: number): Promise<SurveyView[]> {
  const rows = await db
    .selectFrom('surveys')
    .leftJoin('staff', 'staff.id', 'surveys.collected_by')
    .leftJoin('survey_templates', 'survey_templates.id', 'surveys.template_id')
    .selectAll('surveys')
    .select(['staff.name as collected_by_name', 'survey_templates.name as template_name'])
    .where('surveys.ticket_id', '=', ticketId)
    .orderBy('surveys.id', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [answers, credits] = await Promise.all([
    db.selectFrom('survey_answers').select(['survey_id', 'question_key', 'kind', 'dimension', 'value']).where('survey_id', 'in', ids).execute(),
    db.selectFrom('survey_credits')
      .leftJoin('staff', 'staff.id', 'survey_credits.staff_id')
      .leftJoin('departments', 'departments.id', 'survey_credits.department_id')
      .select(['survey_credits.survey_id', 'survey_credits.role', 'survey_credits.staff_id', 'staff.name as staff_name', 'survey_credits.department_id', 'departments.name as department_name', 'survey_credits.satisfaction'])
      .where('survey_credits.survey_id', 'in', ids)
      .orderBy('survey_credits.role', 'desc').orderBy('survey_credits.staff_id').orderBy('survey_credits.department_id')
      .execute(),
  ]);
  return Promise.all(rows.map(async (r): Promise<SurveyView> => {
    const questions = await loadSurveyQuestions(db, r.template_id, r.template_version);
    const order = new Map(questions.map((q, i) => [q.key, i]));
    return {
      id: r.id,
      ticketId: r.ticket_id!,
      status: r.status,
      resolvedAt: r.resolved_at?.toISOString() ?? null,
      dueAt: r.due_at.toISOString(),
      overdue: r.status === 'due' && r.due_at.getTime() < nowMs,
      answeredAt: r.answered_at?.toISOString() ?? null,
      satisfaction: r.satisfaction,
      comment: r.comment,
      channel: r.channel,
      collectedById: r.collected_by,
      collectedByName: r.collected_by_name,
      template: r.template_id === null || r.template_version === null ? null : { id: r.template_id, name: r.template_name ?? '', version: r.template_version },
      questions,
      answers: answers.filter((a) => a.survey_id === r.id)
        .sort((a, b) => (order.get(a.question_key) ?? 0) - (order.get(b.question_key) ?? 0))
        .map((a) => ({ key: a.question_key, kind: a.kind, dimension: a.dimension, value: a.value })),
      credits: credits.filter((c) => c.survey_id === r.id).map((c) => ({
        role: c.role, staffId: c.staff_id, staffName: c.staff_name, departmentId: c.department_id, departmentName: c.department_name, satisfaction: c.satisfaction,
      })),
    };
  }));
}

/** The callback surveys of a ticket the staff member may see, newest first (a reopened ticket has one per resolution). */
export async function listTicketSurveys(db: Db, ctx: RequestContext, { ticketId, nowMs }: { ticketId: number; nowMs: number }): Promise<SurveyView[]> {
  const actor = await loadStaffTicketActor(db, ctx);
  const ticket = await db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
  if (!ticket || !canViewTicket(toTicketState(ticket), actor)) throw notFound(`No ticket with id ${ticketId}`);
  return loadSurveys(db, ticketId, nowMs);
}

/** The surveys of one of my requests; someone else's request answers 404 as if it did not exist. */
export async function listCustomerTicketSurveys(db: Db, ctx: RequestContext & { actor: CustomerActor }, { ticketId, nowMs }: { ticketId: number; nowMs: number }): Promise<CustomerSurveyView[]> {
  const ticket = await db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
  if (!ticket || !canViewTicket(toTicketState(ticket), { kind: 'customer', customerId: ctx.actor.id })) throw notFound(`No request with id ${ticketId}`);
  const surveys = await loadSurveys(db, ticketId, nowMs);
  // Expired surveys asked about a result that was reopened or closed: nothing for the customer to see.
  return surveys.filter((s) => s.status !== 'expired').map((s) => ({
    id: s.id, status: s.status, answeredAt: s.answeredAt, satisfaction: s.satisfaction, comment: s.comment, questions: s.questions,
    answers: s.answers.map((a) => ({ key: a.key, value: a.value })),
  }));
}

/** The questions the ticket's open callback survey asks (for the rating link page); the current template's when none is open. */
export async function loadOpenSurveyQuestions(db: Db, ticketId: number): Promise<SurveyQuestion[]> {
  const open = await db.selectFrom('surveys').select(['template_id', 'template_version']).where('ticket_id', '=', ticketId).where('status', '=', 'due').executeTakeFirst();
  if (open) return loadSurveyQuestions(db, open.template_id, open.template_version);
  const current = await db.selectFrom('survey_templates').select(['id', 'current_version']).where('for_callback', '=', true).where('active', '=', true).executeTakeFirst();
  return current ? loadSurveyQuestions(db, current.id, current.current_version) : [];
}
