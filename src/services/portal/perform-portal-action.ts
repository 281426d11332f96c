import type { Db } from '../../db/connect.ts';
import type { TicketAction } from '../../domain/tickets/index.ts';
import { performTicketAction } from '../tickets/perform-ticket-action.ts';
import { getPortalTicket } from './get-portal-ticket.ts';
import { toCustomerTicketActor, type PortalContext, type PortalTicketView } from './views.ts';

/** The customer replies, confirms, rates or reopens: the same rules and the same path as staff actions. */
export async function performPortalAction(
  db: Db,
  ctx: PortalContext,
  input: { ticketId: number; action: TicketAction; expectedVersion?: number; nowMs: number },
): Promise<PortalTicketView> {
  await performTicketAction(db, ctx, { ...input, actor: toCustomerTicketActor(ctx) });
  return getPortalTicket(db, ctx, { ticketId: input.ticketId, nowMs: input.nowMs });
}
