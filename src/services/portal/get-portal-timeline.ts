import type { Db } from '../../db/connect.ts';
import { toCustomerPayload } from '../../domain/tickets/index.ts';
import { getTicketTimeline } from '../tickets/get-ticket-timeline.ts';
import { type PortalContext, type PortalTimelineEntry } from './views.ts';

/** What happened on my ticket, oldest first: only customer-visible events, with only their customer-facing fields. */
export async function getPortalTimeline(db: Db, ctx: PortalContext, input: { ticketId: number }): Promise<PortalTimelineEntry[]> {
  const entries = await getTicketTimeline(db, ctx, input);
  return entries.map((e) => ({ id: e.id, type: e.type, at: e.at, actorKind: e.actorKind, actorName: e.actorName, payload: toCustomerPayload(e.type, e.payload) }));
}
