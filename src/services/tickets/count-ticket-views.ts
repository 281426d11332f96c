import type { Db } from '../../db/connect.ts';
import { TICKET_VIEWS, type CountedTicketView } from '../../domain/tickets/index.ts';
import type { RequestContext } from '../context.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import { filterVisibleTo, filterView } from './queue-filters.ts';
import type { TicketCounts } from './views.ts';

/** How many tickets each personal view holds, for the home page. */
export async function countTicketViews(db: Db, ctx: RequestContext): Promise<TicketCounts> {
  const actor = await loadStaffTicketActor(db, ctx);
  const views = TICKET_VIEWS.filter((v): v is CountedTicketView => v !== 'all');
  const counts = await Promise.all(
    views.map((v) =>
      db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.and([filterVisibleTo(eb, actor), filterView(eb, v, actor)])).executeTakeFirstOrThrow(),
    ),
  );
  return Object.fromEntries(views.map((v, i) => [v, counts[i]!.n])) as TicketCounts;
}
