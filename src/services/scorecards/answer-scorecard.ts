import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { isGrade } from '../../domain/surveys/grade-to-points.ts';
import { SCORECARD_AREAS, scoreScorecard, type ScorecardAnswers, type ScorecardArea } from '../../domain/surveys/score-scorecard.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadScorecardGradeTable } from '../settings/company-settings.ts';
import { insertRegisteredTicket } from '../tickets/register-ticket.ts';
import { canSeeAccount, loadScorecardScope } from './scorecard-access.ts';

export const SCORECARD_FOLLOW_UP_KIND = 'scorecard_follow_up';
const MAX_COMMENT = 2000;

export interface ScorecardAnswerInput {
  /** Area → grade; every area must be graded. */
  grades: Readonly<Record<string, unknown>>;
  /** Area → an optional comment. */
  comments?: Readonly<Record<string, string | undefined>>;
}

function readComments(comments: ScorecardAnswerInput['comments']): Partial<Record<ScorecardArea, string>> {
  const out: Partial<Record<ScorecardArea, string>> = {};
  for (const [key, value] of Object.entries(comments ?? {})) {
    if (!(SCORECARD_AREAS as readonly string[]).includes(key)) throw invalid(`"${key}" is not a scorecard area; use ${SCORECARD_AREAS.join(', ')}`, `comments.${key}`);
    const text = (value ?? '').trim();
    if (text.length > MAX_COMMENT) throw invalid(`A comment may have at most ${MAX_COMMENT} characters`, `comments.${key}`);
    if (text) out[key as ScorecardArea] = text;
  }
  return out;
}

/**
 * Records the week's grades in the caller's transaction: the scorecard row is locked first, so a
 * second answer (another contact, the same link twice) finds it answered. Points follow the grade
 * table in force and are frozen on the answers. A C or D opens one follow-up ticket, registered by
 * (and so owned by) the account manager, who is notified.
 */
export async function recordScorecardAnswer(
  trx: Transaction<Database>,
  ctx: RequestContext,
  input: ScorecardAnswerInput & { scorecardId: number; contactId: number | null; enteredByStaffId: number | null; channel: 'link' | 'staff'; nowMs: number },
): Promise<{ meanPoints: number; followUpTicketId: number | null }> {
  const card = await trx.selectFrom('scorecards').selectAll().where('id', '=', input.scorecardId).forUpdate().executeTakeFirst();
  if (!card) throw notFound(`No scorecard with id ${input.scorecardId}`);
  if (card.status === 'answered') throw conflict('This week’s scorecard has already been answered. Thank you!', undefined, 'already_answered');
  const comments = readComments(input.comments);
  const table = await loadScorecardGradeTable(trx);
  for (const area of SCORECARD_AREAS) {
    if (input.grades[area] === undefined) throw invalid(`Grade every area: "${area}" has no grade`, `grades.${area}`);
    if (!isGrade(input.grades[area])) throw invalid(`"${String(input.grades[area])}" is not a grade; use A, A-, B+, B, B-, C or D`, `grades.${area}`);
  }
  const grades = input.grades as ScorecardAnswers;
  let score;
  try {
    score = scoreScorecard(grades, table);
  } catch (err) {
    if (err instanceof Error && 'field' in err) throw invalid(err.message, String((err as { field: string }).field).replace(/^answers/, 'grades'));
    throw err;
  }

  await trx.insertInto('scorecard_answers').values(SCORECARD_AREAS.map((area) => ({
    scorecard_id: card.id, area, grade: grades[area], points: score.points[area], comment: comments[area] ?? null,
  }))).execute();

  let followUpTicketId: number | null = null;
  if (score.followUpAreas.length > 0 && card.follow_up_ticket_id === null) {
    followUpTicketId = await openFollowUpTicket(trx, ctx, { card, grades, comments, areas: score.followUpAreas, nowMs: input.nowMs });
  }
  await trx.updateTable('scorecards').set({
    status: 'answered', answered_at: new Date(input.nowMs), answered_by_contact_id: input.contactId, entered_by_staff_id: input.enteredByStaffId,
    channel: input.channel, mean_points: score.meanPoints, grade_table: JSON.stringify(table), follow_up_ticket_id: followUpTicketId ?? card.follow_up_ticket_id,
  }).where('id', '=', card.id).execute();
  await recordAudit(trx, ctx, {
    action: 'scorecard.answer', entity: 'scorecard', entityId: card.id, before: { status: 'open' },
    after: { status: 'answered', grades, meanPoints: score.meanPoints, contactId: input.contactId, channel: input.channel, followUpTicketId },
  });
  return { meanPoints: score.meanPoints, followUpTicketId };
}

const AREA_NAMES: Record<ScorecardArea, string> = {
  quality: '质量 quality', on_time_delivery: '准时交付 on-time delivery', communication: '沟通 communication',
  service_flexibility: '服务与灵活性 service & flexibility', technical_support: '技术支持 technical support',
};

async function openFollowUpTicket(
  trx: Transaction<Database>,
  ctx: RequestContext,
  input: { card: { id: number; customer_id: number; week_key: string }; grades: ScorecardAnswers; comments: Partial<Record<ScorecardArea, string>>; areas: ScorecardArea[]; nowMs: number },
): Promise<number | null> {
  const manager = await trx
    .selectFrom('account_team_members as m').innerJoin('staff as s', 's.id', 'm.staff_id')
    .select(['s.id', 's.roles', 's.department_id', 's.active'])
    .where('m.customer_id', '=', input.card.customer_id).where('m.role', '=', 'account_manager')
    .executeTakeFirst();
  // Without an account manager nobody could own it; the C/D still shows on the scorecard and the dashboard.
  if (!manager || !manager.active) return null;
  const graded = input.areas.map((a) => `${AREA_NAMES[a]}: ${input.grades[a]}`);
  const description = [
    `周评分卡 ${input.card.week_key} / Weekly scorecard ${input.card.week_key} (#${input.card.id})`,
    ...input.areas.map((a) => `${AREA_NAMES[a]}: ${input.grades[a]}${input.comments[a] ? ` — ${input.comments[a]}` : ''}`),
  ].join('\n');
  const ticketId = await insertRegisteredTicket(trx, ctx, {
    registeredBy: { kind: 'staff', id: manager.id, roles: manager.roles, departmentId: manager.department_id, headOfDepartmentIds: [], departmentSubtreeIds: [], isSeniorManager: false },
    content: {
      channel: 'other', subject: `评分卡跟进 Scorecard follow-up ${input.card.week_key}: ${graded.join(', ')}`.slice(0, 200), description,
      categoryId: null, priority: 'high', customerId: input.card.customer_id, customerContact: null,
    },
    nowMs: input.nowMs,
  });
  await trx.insertInto('notifications').values({ recipient_id: manager.id, kind: SCORECARD_FOLLOW_UP_KIND, ticket_id: ticketId }).execute();
  return ticketId;
}

/** Staff enter the grades a contact gave them (by phone, in a meeting): admin, office, or a member of the account's team. */
export async function answerScorecardAsStaff(
  db: Db,
  ctx: RequestContext,
  input: ScorecardAnswerInput & { scorecardId: number; contactId: number; nowMs: number },
): Promise<{ meanPoints: number; followUpTicketId: number | null }> {
  requireStaff(ctx);
  const staffId = ctx.actor.id;
  const scope = await loadScorecardScope(db, ctx);
  const card = await db.selectFrom('scorecards').select(['id', 'customer_id']).where('id', '=', input.scorecardId).executeTakeFirst();
  if (!card || !(await canSeeAccount(db, scope, card.customer_id))) throw notFound(`No scorecard with id ${input.scorecardId}`);
  const roles = ctx.actor.roles;
  if (!roles.includes('admin') && !roles.includes('office')) {
    const onTeam = await db.selectFrom('account_team_members').select('staff_id').where('customer_id', '=', card.customer_id).where('staff_id', '=', staffId).executeTakeFirst();
    if (!onTeam) throw forbidden('Only the account team, the administrative office or an admin may enter a scorecard for a contact.');
  }
  const contact = await db.selectFrom('customer_contacts').select(['id', 'active']).where('id', '=', input.contactId).where('customer_id', '=', card.customer_id).executeTakeFirst();
  if (!contact || !contact.active) throw invalid('Choose an active contact of this account', 'contactId');
  return db.transaction().execute((trx) => recordScorecardAnswer(trx, ctx, { ...input, enteredByStaffId: staffId, channel: 'staff' }));
}

