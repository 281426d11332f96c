import type { Db } from '../../db/connect.ts';
import { toCustomerStatus } from '../../domain/tickets/index.ts';
import type { RatingLinkView } from '../../contracts/rating-links.ts';
import type { RequestContext } from '../context.ts';
import { loadOpenSurveyQuestions } from '../surveys/get-ticket-surveys.ts';
import { openRatingLink } from './rating-links.ts';
import { toTicketState } from './ticket-row.ts';

export type { RatingLinkView } from '../../contracts/rating-links.ts';

/** What the rating page shows before the customer answers. */
export async function readRatingLink(db: Db, _ctx: RequestContext, input: { token: string; nowMs: number; secret: string }): Promise<RatingLinkView> {
  const { claims, ticket, used } = await openRatingLink(db, input.token, input.nowMs, input.secret);
  const alreadyRated = used || ticket.satisfaction !== null;
  const questions = alreadyRated ? [] : await loadOpenSurveyQuestions(db, ticket.id);
  return {
    ticketNumber: ticket.number,
    subject: ticket.subject,
    status: toCustomerStatus(toTicketState(ticket).status),
    alreadyRated,
    expiresAt: new Date(claims.expiresAtMs).toISOString(),
    ...(questions.length > 0 ? { survey: { questions } } : {}),
  };
}
