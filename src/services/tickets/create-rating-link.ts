import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { conflict, DomainError, forbidden, notFound } from '../../domain/shared/domain-error.ts';
import { canViewTicket, checkTicketAction } from '../../domain/tickets/index.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import { RATING_LINK_TTL_MS, signRatingLink } from './rating-links.ts';
import { toTicketState } from './ticket-row.ts';

/**
 * The owner sends the customer a link to rate the result without signing in (by text message, email,
 * chat). Only while the ticket is resolved and nobody recorded the satisfaction yet, and only for a
 * ticket with a customer record, since the rating is recorded as that customer's.
 */
export async function createRatingLink(
  db: Db,
  ctx: RequestContext,
  input: { ticketId: number; nowMs: number; secret: string },
): Promise<{ token: string; expiresAt: Date }> {
  const actor = await loadStaffTicketActor(db, ctx);
  const row = await db.selectFrom('tickets').selectAll().where('id', '=', input.ticketId).executeTakeFirst();
  if (!row || !canViewTicket(toTicketState(row), actor)) throw notFound(`No ticket with id ${input.ticketId}`);
  if (row.owner_id !== actor.id) throw forbidden("Only the ticket's owner can send the customer a rating link.");
  if (row.customer_id === null) {
    throw conflict('This ticket has no customer record, so a rating could not be recorded as theirs; call them back instead.', undefined, 'no_customer');
  }
  // The customer could rate it now: the same rule the link will face when it is used.
  const blocked = checkTicketAction(toTicketState(row), { kind: 'customer', customerId: row.customer_id }, 'rate', input.nowMs);
  if (blocked) throw new DomainError(blocked.code, blocked.message, undefined, blocked.errorCode ?? blocked.code);

  const expiresAtMs = input.nowMs + RATING_LINK_TTL_MS;
  const token = signRatingLink({ ticketId: row.id, expiresAtMs, round: row.reopen_count, nonce: randomBytes(16).toString('base64url') }, input.secret);
  // Nothing else is stored: the signature is the record. The audit trail says who sent one and when.
  await recordAudit(db, ctx, { action: 'ticket.rating_link', entity: 'ticket', entityId: row.id, before: null, after: { expiresAt: new Date(expiresAtMs).toISOString() } });
  return { token, expiresAt: new Date(expiresAtMs) };
}
