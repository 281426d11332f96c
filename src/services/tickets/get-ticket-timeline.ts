import type { Db } from '../../db/connect.ts';
import { canSeeEvent, type TicketActor } from '../../domain/tickets/index.ts';
import type { RequestContext } from '../context.ts';
import { getTicketView } from './get-ticket-view.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import { timelineQuery, toTimelineEntry, type TimelineEntry } from './views.ts';

/** Who did what when, oldest first, for the signed-in staff member or customer; customers never see internal entries. */
export async function getTicketTimeline(db: Db, ctx: RequestContext, input: { ticketId: number }): Promise<TimelineEntry[]> {
  const viewer: TicketActor = ctx.actor.kind === 'customer' ? { kind: 'customer', customerId: ctx.actor.id } : await loadStaffTicketActor(db, ctx);
  await getTicketView(db, input.ticketId, viewer);
  const rows = await timelineQuery(db, input.ticketId).execute();
  return rows.filter((r) => canSeeEvent({ visibleToCustomer: r.visible_to_customer }, viewer)).map(toTimelineEntry);
}
