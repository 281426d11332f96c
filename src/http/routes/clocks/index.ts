import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { listTicketClocks } from '../../../services/commitments/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import { ClockList } from '../../../contracts/clocks.ts';

/** A ticket's service-commitment clocks, for whoever may see the ticket. */
export function registerClockRoutes(app: AppInstance, deps: AppDeps): void {
  app.get(
    '/api/tickets/:id/clocks',
    {
      schema: {
        tags: ['commitments'], params: IdParams, response: withErrors({ 200: ClockList }),
        summary: "The ticket's clocks: state, warn/due times, business minutes used, responsible, stage clocks and breach attribution",
      },
    },
    async (request) => ({ items: await listTicketClocks(deps.db, staffContext(request), { ticketId: request.params.id, nowMs: deps.now() }) }),
  );
}
