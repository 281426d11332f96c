/**
 * The value lists of tickets beside their lifecycle (statuses and channels are in ticket-state.ts,
 * action types in ticket-action.ts): contracts build their enums from these, the web app imports them.
 */

/** How urgent a ticket is; commitments may apply by priority. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** The queues; every view but `all` has a count. `overdue`: open tickets with a breached clock still running. */
export const TICKET_VIEWS = ['owned', 'handling', 'department', 'escalated', 'callback-due', 'overdue', 'intake', 'all'] as const;
export type TicketViewName = (typeof TICKET_VIEWS)[number];
/** The views the home page counts (`all` is not a personal queue). */
export type CountedTicketView = Exclude<TicketViewName, 'all'>;

/** `due`: the earliest due time of the ticket's open clocks first (overdue ones, being past, lead), tickets without one last (oldest first). */
export const TICKET_SORTS = ['newest', 'oldest', 'due'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** Why an owner escalates to a superior. */
export const ESCALATION_CAUSES = ['handler_unreachable', 'responsibility_unclear', 'other'] as const;
export type EscalationCause = (typeof ESCALATION_CAUSES)[number];

/** Which way a logged contact went. */
export const CONTACT_DIRECTIONS = ['outbound', 'inbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

/** Where a customer rated a result: on the portal or through a signed link. */
export const RATING_VIAS = ['portal', 'link'] as const;
export type RatingVia = (typeof RATING_VIAS)[number];

/** Who wrote a timeline entry: a person, or the clock engine (warnings, breaches). */
export const TICKET_ACTOR_KINDS = ['staff', 'customer', 'system'] as const;
export type TicketActorKind = (typeof TICKET_ACTOR_KINDS)[number];

/** What a customer may do to their ticket on the portal, each its own route (rating has its own). */
export const PORTAL_ACTION_TYPES = ['reply', 'confirm', 'reopen'] as const;
export type PortalActionType = (typeof PORTAL_ACTION_TYPES)[number];
