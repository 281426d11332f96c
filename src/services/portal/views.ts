import { listAvailableActions, toCustomerStatus, type CustomerTicketActor, type TicketChannel } from '../../domain/tickets/index.ts';
import type { PortalTicketView } from '../../contracts/portal.ts';
import type { CustomerActor, RequestContext } from '../context.ts';
import { toTicketState } from '../tickets/ticket-row.ts';
import type { JoinedTicketRow } from '../tickets/views.ts';

export type { PortalCategory, PortalTicketView, PortalTimelineEntry } from '../../contracts/portal.ts';

/** A request made by the signed-in customer. */
export type PortalContext = RequestContext & { actor: CustomerActor };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The signed-in customer as the ticket rules see them. */
export const toCustomerTicketActor = (ctx: PortalContext): CustomerTicketActor => ({ kind: 'customer', customerId: ctx.actor.id });

/** A ticket as its customer sees it, with what they may do now. */
export function toPortalTicketView(r: JoinedTicketRow, viewer: CustomerTicketActor, nowMs: number): PortalTicketView {
  const state = toTicketState(r);
  return {
    id: r.id, number: r.number, status: toCustomerStatus(state.status), channel: r.channel as TicketChannel, subject: r.subject, description: r.description,
    categoryId: r.category_id, categoryName: r.category_name, ownerName: r.owner_name, submittedAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(), resolvedAt: iso(r.resolved_at), result: r.result, refusalReason: r.refusal_reason,
    confirmedAt: iso(r.customer_confirmed_at), closedAt: iso(r.closed_at), satisfaction: r.satisfaction, reopenCount: r.reopen_count,
    version: r.version, actions: listAvailableActions(state, viewer, nowMs),
  };
}
