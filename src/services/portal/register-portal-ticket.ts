import type { Db } from '../../db/connect.ts';
import { TICKET_TEXT_LIMITS } from '../../domain/tickets/index.ts';
import type { SubmitPortalTicketBody } from '../../contracts/portal.ts';
import { createOnce } from '../idempotency.ts';
import { checkTicketCategory, checkTicketText, insertRegisteredTicket } from '../tickets/register-ticket.ts';
import { getPortalTicket } from './get-portal-ticket.ts';
import type { PortalContext, PortalTicketView } from './views.ts';

export interface RegisterPortalTicketInput {
  ticket: SubmitPortalTicketBody;
  nowMs: number;
  /** With a key, a retry returns the first ticket instead of submitting a second one. */
  idempotencyKey?: string | null;
}

/**
 * A customer submits a request on the portal. It arrives `new`, with no owner, in the staff intake
 * queue: whoever picks it up first becomes its owner (first contact happens there, not here). With an
 * Idempotency-Key, a retry returns the first ticket instead of submitting a second one.
 */
export async function registerPortalTicket(
  db: Db,
  ctx: PortalContext,
  { ticket: input, ...options }: RegisterPortalTicketInput,
): Promise<{ status: 201 | 200; ticket: PortalTicketView }> {
  const subject = checkTicketText(input.subject, 'subject', 200, true);
  const description = checkTicketText(input.description, 'description', TICKET_TEXT_LIMITS.text, false);
  await checkTicketCategory(db, input.categoryId);
  const customer = await db.selectFrom('customers').select(['portal_email', 'phones']).where('id', '=', ctx.actor.id).executeTakeFirstOrThrow();
  // The paper form's "contact": how the account can be reached, as the customer gave it at sign-up.
  const contact = customer.phones[0] ?? customer.portal_email;

  const { id, replayed } = await createOnce(db, { scope: `customer:${ctx.actor.id}:register-ticket`, key: options.idempotencyKey, request: input }, (trx) =>
    insertRegisteredTicket(trx, ctx, {
      registeredBy: { kind: 'customer', customerId: ctx.actor.id },
      content: { channel: 'web', subject, description, categoryId: input.categoryId ?? null, priority: 'normal', customerId: ctx.actor.id, customerContact: contact },
      nowMs: options.nowMs,
    }),
  );
  return { status: replayed ? 200 : 201, ticket: await getPortalTicket(db, ctx, { ticketId: id, nowMs: options.nowMs }) };
}
