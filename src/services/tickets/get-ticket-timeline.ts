import type { Db } from '../../db/connect.ts';
import { canSeeEvent, type TicketActor } from '../../domain/tickets/index.ts';
import { getTicketView } from './get-ticket-view.ts';
import { timelineQuery, toTimelineEntry, type TimelineEntry } from './views.ts';

/** Who did what when, oldest first; customers never see internal entries. */
export async function getTicketTimeline(db: Db, id: number, viewer: TicketActor): Promise<TimelineEntry[]> {
  await getTicketView(db, id, viewer);
  const rows = await timelineQuery(db, id).execute();
  return rows.filter((r) => canSeeEvent({ visibleToCustomer: r.visible_to_customer }, viewer)).map(toTimelineEntry);
}
