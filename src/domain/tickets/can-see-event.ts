import type { TicketActor } from './ticket-actor.ts';
import type { TicketEvent } from './ticket-event.ts';

/**
 * Whether a timeline event is shown to `viewer`, who is assumed to see the ticket (`canViewTicket`).
 * Customers never see internal events such as notes, hand-offs or escalations.
 */
export function canSeeEvent(event: Pick<TicketEvent, 'visibleToCustomer'>, viewer: TicketActor): boolean {
  return viewer.kind === 'staff' || event.visibleToCustomer;
}
