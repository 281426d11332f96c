import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict } from '../../domain/shared/domain-error.ts';
import type { RatedByLink } from '../../contracts/rating-links.ts';
import { toCustomerActor } from '../auth/portal-sessions.ts';
import type { RequestContext } from '../context.ts';
import { performTicketAction } from './perform-ticket-action.ts';
import { openRatingLink } from './rating-links.ts';

const alreadyRated = () => conflict('This rating link was already used. Thank you for your answer!', undefined, 'already_rated');

/**
 * The customer rates through the link: the same `rate` action as on the portal, recorded as the
 * ticket's customer, with the link's nonce stored in the same transaction so the link works once.
 */
export async function rateByLink(
  db: Db,
  ctx: RequestContext,
  input: { token: string; satisfaction: number; comment?: string; answers?: Readonly<Record<string, unknown>>; nowMs: number; secret: string },
): Promise<RatedByLink> {
  const { claims, ticket, used } = await openRatingLink(db, input.token, input.nowMs, input.secret);
  if (used) throw alreadyRated();
  if (ticket.customer_id === null) throw conflict('This request has no customer record to rate it for.', undefined, 'no_customer');
  const customerCtx: RequestContext = { ...ctx, actor: toCustomerActor(ticket.customer_id) };
  try {
    await performTicketAction(db, customerCtx, {
      actor: { kind: 'customer', customerId: ticket.customer_id },
      ticketId: ticket.id,
      action: {
        type: 'rate', satisfaction: input.satisfaction, ...(input.comment === undefined ? {} : { comment: input.comment }), via: 'link',
        ...(input.answers === undefined ? {} : { answers: input.answers }),
      },
      nowMs: input.nowMs,
      alsoInTransaction: async (trx) => {
        await trx.insertInto('rating_link_uses').values({ nonce: claims.nonce, ticket_id: ticket.id, used_at: new Date(input.nowMs) }).execute();
      },
    });
  } catch (err) {
    // The same link submitted twice at once: the second waits for the ticket's lock, then finds it rated or the nonce taken.
    if (isUniqueViolation(err, 'rating_link_uses_pkey')) throw alreadyRated();
    throw err;
  }
  return { ticketNumber: ticket.number, satisfaction: input.satisfaction };
}
