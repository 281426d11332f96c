import type { Db } from '../../db/connect.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { canViewTicket } from '../../domain/tickets/index.ts';
import { toTicketState } from '../tickets/ticket-row.ts';
import { ticketQuery } from '../tickets/views.ts';
import { toCustomerTicketActor, toPortalTicketView, type PortalContext, type PortalTicketView } from './views.ts';

/** One of my tickets; someone else's answers 404, exactly like one that does not exist. */
export async function getPortalTicket(db: Db, ctx: PortalContext, input: { ticketId: number; nowMs: number }): Promise<PortalTicketView> {
  const viewer = toCustomerTicketActor(ctx);
  const row = await ticketQuery(db).where('tickets.id', '=', input.ticketId).executeTakeFirst();
  if (!row || !canViewTicket(toTicketState(row), viewer)) throw notFound(`No request with id ${input.ticketId}`);
  return toPortalTicketView(row, viewer, input.nowMs);
}
