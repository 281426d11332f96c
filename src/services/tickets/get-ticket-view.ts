import type { Db } from '../../db/connect.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { canViewTicket, type TicketActor } from '../../domain/tickets/index.ts';
import { toTicketState } from './ticket-row.ts';
import { ticketQuery, toTicketView, type TicketView } from './views.ts';

/** A ticket as its viewer may see it; someone who may not see it gets 404, not a hint that it exists. */
export async function getTicketView(db: Db, id: number, viewer?: TicketActor, nowMs?: number, options: { checkVisibility?: boolean } = {}): Promise<TicketView> {
  const row = await ticketQuery(db).where('tickets.id', '=', id).executeTakeFirst();
  const check = options.checkVisibility ?? true;
  if (!row || (viewer && check && !canViewTicket(toTicketState(row), viewer))) throw notFound(`No ticket with id ${id}`);
  return toTicketView(row, viewer, nowMs);
}
