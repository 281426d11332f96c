/**
 * Ticket lifecycle rules (PRODUCT.md §1, first-contact ownership). Pure: the service loads the
 * ticket, calls `decideTicketAction`, saves `next` + events + notifications in one transaction.
 *
 * Transitions (from → action → to):
 *   new → pick-up → registered
 *   registered → take → in_progress;  registered | in_progress | handed_over → hand-over → handed_over
 *   handed_over → assign → handed_over (in_progress when the head assigns himself) → accept → in_progress
 *   handed_over | in_progress → decline → registered;  handed_over → take → in_progress
 *   registered | in_progress → wait → waiting → resume (or the customer's reply) → where it was
 *   registered | in_progress | handed_over → escalate → escalated → instruct → registered | handed_over | in_progress
 *   registered | in_progress | handed_over → refuse → refused → approve-exception → registered
 *   registered | in_progress → resolve → resolved → callback → called_back
 *   resolved → rate (by the customer) → called_back
 *   resolved | called_back | refused → close → closed
 *   resolved | called_back | closed → reopen → in_progress (back to its handler) | registered (no handler)
 *
 * Rules decided here (beyond the issue):
 * - Any action needs a ticket the actor can see (`canViewTicket`), else 'forbidden'. Then the
 *   actor's kind, the status ('wrong_state') and the person ('forbidden'), in that order.
 * - Ownership moves only by `pick-up` (a `new` portal ticket, any staff member) and by an admin's
 *   `transfer-ownership` with a reason (any status but new); if the old owner was handling it
 *   himself, the work moves too. `take` also pulls back a ticket handed over but not yet accepted.
 * - `take`, `hand-over`, `escalate`, `refuse`, `callback`: the owner only. `hand-over` is allowed
 *   from registered, in_progress (the owner redirects) and handed_over; it names a department and
 *   optionally a handler in it (active, member of that department). Without a handler the head is
 *   told and uses `assign`; `needsSeveralPeople` makes the head of the main department the handler.
 * - `assign`: the head of the department it was handed to, while handed_over (also to redirect a
 *   named handler); assigning himself counts as accepting.
 * - `accept`: the named handler. `decline` (reason required): the handler while handed_over or in
 *   progress (not an owner who took it himself), or the head for a department hand-over; it returns
 *   the ticket to the owner as `registered`.
 * - `escalate` (registered, in_progress, handed_over) goes to the owner's superior from context
 *   and clears the handler; no superior is a 'conflict'. `instruct`: only the person escalated to;
 *   naming a handler hands it over (naming the owner puts it in progress with him), an
 *   instruction alone returns it to the owner as `registered`.
 * - `refuse` (reason shown to the customer) is not possible once an exception was approved.
 *   `approve-exception`: senior managers, on refused tickets; back to the owner as `registered`.
 * - `resolve` (result required): the current handler in progress (the owner when he took it), or
 *   the owner straight from `registered` (handled in one go; he becomes the handler).
 * - `confirm`: the customer, once, on a resolved ticket; it lets the owner close without a callback.
 * - `rate` (satisfaction 1–5, comment): the customer, on a resolved ticket whose satisfaction nobody
 *   recorded yet (refused with errorCode 'already_rated' otherwise), on the portal or through a rating
 *   link. It is the callback survey answered by the customer: status → called_back with the
 *   satisfaction, and it confirms the result if not yet confirmed. The owner and handler are told.
 * - `close`: the owner after the callback, after the customer's confirmation, or when refused; an
 *   admin on any resolved/called-back/refused ticket, with a reason if nobody called back.
 * - `reopen` (reason required, from resolved/called_back/closed): the customer within 14 days of
 *   resolution (of closing, when closed); the owner, the handler, supervisors, office and admin any
 *   time. It returns to the handler in progress if there was one, else to the owner as registered.
 * - `wait` (reason shown to the customer) from registered/in_progress and `resume`: owner or
 *   handler. A customer's reply on a waiting ticket resumes it, with a 'resumed' event.
 * - `reply`: owner or handler, and the customer (not on closed tickets); staff not on `new` ones.
 *   `contact` (channel, summary; internal): owner or handler, on any ticket neither new nor closed.
 *   `note` (internal): anyone who can see the ticket, in any status.
 * - Customers see only events with `visibleToCustomer` (registration, pick-up, replies, wait and
 *   resume, refusal, resolution, callback, confirmation, rating, close, reopen); notes, contacts, routing
 *   (take, hand-over, assign, accept, decline, escalate, instruct), the exception and ownership
 *   transfers stay internal.
 * - Notifications go to staff only, never to the actor; customers learn from visible events.
 */
export { canSeeEvent } from './can-see-event.ts';
export { canViewTicket, type TicketViewFacts } from './can-view-ticket.ts';
export { CUSTOMER_REOPEN_WINDOW_MS, checkTicketAction } from './check-ticket-action.ts';
export { decideTicketAction } from './decide-ticket-action.ts';
export { formatTicketNumber, readLocalYear } from './format-ticket-number.ts';
export { listAvailableActions } from './list-available-actions.ts';
export { normalizeTicketText, TICKET_TEXT_LIMITS, type TicketTextKind } from './normalize-ticket-text.ts';
export { registerTicket, type RegisterTicketInput } from './register-ticket.ts';
export { TICKET_ACTION_TYPES, type TicketAction, type TicketActionType } from './ticket-action.ts';
export type { CustomerTicketActor, StaffRole, StaffTicketActor, TicketActor } from './ticket-actor.ts';
export type { TicketDecision, TicketDecisionContext, TicketRefusal, TicketRefusalCode, TicketSuccess } from './ticket-decision.ts';
export {
  TICKET_EVENT_TYPES,
  TICKET_NOTIFICATION_KINDS,
  type TicketEvent,
  type TicketEventPayload,
  type TicketEventType,
  type TicketNotification,
  type TicketNotificationKind,
} from './ticket-event.ts';
export { toCustomerPayload } from './to-customer-payload.ts';
export { CUSTOMER_TICKET_STATUSES, toCustomerStatus, type CustomerTicketStatus } from './to-customer-status.ts';
export {
  CONTACT_DIRECTIONS,
  ESCALATION_CAUSES,
  PORTAL_ACTION_TYPES,
  RATING_VIAS,
  TICKET_ACTOR_KINDS,
  TICKET_PRIORITIES,
  TICKET_SORTS,
  TICKET_VIEWS,
  type ContactDirection,
  type CountedTicketView,
  type EscalationCause,
  type PortalActionType,
  type RatingVia,
  type TicketActorKind,
  type TicketPriority,
  type TicketSort,
  type TicketViewName,
} from './ticket-lists.ts';
export { TICKET_CHANNELS, TICKET_STATUSES, type TicketChannel, type TicketState, type TicketStatus, type WaitableStatus } from './ticket-state.ts';
