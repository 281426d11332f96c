import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import { getTicketView } from './get-ticket-view.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import type { TicketView } from './views.ts';

// Other areas (commitments) load the view with a viewer they already have.
export { getTicketView } from './get-ticket-view.ts';
export type { TicketView } from './views.ts';

/** A ticket with what the signed-in staff member may do now; 404 when they may not see it. */
export async function getTicket(db: Db, ctx: RequestContext, input: { ticketId: number; nowMs: number }): Promise<TicketView> {
  const actor = await loadStaffTicketActor(db, ctx);
  return getTicketView(db, input.ticketId, actor, input.nowMs);
}
