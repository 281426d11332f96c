import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import type { TicketAction } from '../../../domain/tickets/index.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import { IdempotencyHeaders, RegisterTicketBody, Timeline, TICKET_ACTION_BODIES, TicketCounts, TicketListQuery, TicketPage, TicketView } from '../../../contracts/tickets.ts';
import { countTicketViews } from '../../../services/tickets/count-ticket-views.ts';
import { getTicketTimeline } from '../../../services/tickets/get-ticket-timeline.ts';
import { getTicket } from '../../../services/tickets/get-ticket.ts';
import { listTickets } from '../../../services/tickets/list-tickets.ts';
import { loadStaffTicketActor } from '../../../services/tickets/load-ticket-actor.ts';
import { performTicketAction } from '../../../services/tickets/perform-ticket-action.ts';
import { registerStaffTicket } from '../../../services/tickets/register-staff-ticket.ts';

export function registerTicketRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['tickets'];
  app.post(
    '/api/tickets',
    {
      schema: {
        tags, summary: 'Register a request for a customer; you become its owner. Send an Idempotency-Key header to make retries safe (a replay answers 200).',
        headers: IdempotencyHeaders,
        body: RegisterTicketBody,
        response: withErrors({ 200: TicketView, 201: TicketView }),
      },
    },
    async (request, reply) => {
      const result = await registerStaffTicket(deps.db, staffContext(request), { ticket: request.body, nowMs: deps.now(), idempotencyKey: request.headers['idempotency-key'] ?? null });
      return reply.status(result.status).send(result.ticket);
    },
  );

  app.get(
    '/api/tickets',
    { schema: { tags, summary: 'A queue: owned, handling, department, escalated, callback-due, intake or all; filters, q, keyset pages', querystring: TicketListQuery, response: withErrors({ 200: TicketPage }) } },
    async (request) => {
      const { view = 'owned', ...rest } = request.query;
      return listTickets(deps.db, staffContext(request), { view, ...rest });
    },
  );

  app.get('/api/tickets/counts', { schema: { tags, summary: 'How many tickets each of my views holds', response: withErrors({ 200: TicketCounts }) } }, async (request) =>
    countTicketViews(deps.db, staffContext(request)),
  );

  app.get('/api/tickets/:id', { schema: { tags, summary: 'A ticket with the actions possible for me now', params: IdParams, response: withErrors({ 200: TicketView }) } }, async (request) => {
    return getTicket(deps.db, staffContext(request), { ticketId: request.params.id, nowMs: deps.now() });
  });

  app.get('/api/tickets/:id/timeline', { schema: { tags, summary: 'Who did what when', params: IdParams, response: withErrors({ 200: Timeline }) } }, async (request) => {
    return { items: await getTicketTimeline(deps.db, staffContext(request), { ticketId: request.params.id }) };
  });

  for (const [name, { summary, body }] of Object.entries(TICKET_ACTION_BODIES)) {
    app.post(`/api/tickets/:id/${name}`, { schema: { tags, summary, params: IdParams, body, response: withErrors({ 200: TicketView }) } }, async (request) => {
      const { version, ...fields } = (request.body ?? {}) as { version?: number } & Record<string, unknown>;
      const ctx = staffContext(request);
      return performTicketAction(deps.db, ctx, {
        actor: await loadStaffTicketActor(deps.db, ctx),
        ticketId: (request.params as { id: number }).id,
        action: { type: name, ...fields } as TicketAction,
        ...(version === undefined ? {} : { expectedVersion: version }),
        nowMs: deps.now(),
      });
    });
  }
}
