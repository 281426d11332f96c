import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage } from '../../db/queries/keyset.ts';
import type { PortalTicketListQuery, PortalTicketPage } from '../../contracts/portal.ts';
import { ticketQuery } from '../tickets/views.ts';
import { toCustomerTicketActor, toPortalTicketView, type PortalContext } from './views.ts';

/** My tickets, newest first, a page at a time (keyset on id). */
export async function listPortalTickets(db: Db, ctx: PortalContext, input: PortalTicketListQuery & { nowMs: number }): Promise<PortalTicketPage> {
  const viewer = toCustomerTicketActor(ctx);
  const limit = input.limit ?? 20;
  let q = ticketQuery(db).where('tickets.customer_id', '=', ctx.actor.id);
  const after = decodeCursor(input.cursor, 1);
  if (after) q = q.where('tickets.id', '<', Number(after[0]));
  const rows = await q.orderBy('tickets.id', 'desc').limit(limit + 1).execute();
  return toPage(rows.map((r) => toPortalTicketView(r, viewer, input.nowMs)), limit, (t) => [t.id]);
}
