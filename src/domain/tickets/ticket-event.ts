import type { TicketActionType } from './ticket-action.ts';

export const TICKET_EVENT_TYPES = [
  'registered',
  'picked_up',
  'taken',
  'handed_over',
  'assigned',
  'accepted',
  'declined',
  'contact_logged',
  'note_added',
  'replied',
  'waiting_started',
  'resumed',
  'escalated',
  'instructed',
  'refused',
  'exception_approved',
  'resolved',
  'called_back',
  'customer_confirmed',
  'customer_rated',
  'closed',
  'reopened',
  'ownership_transferred',
] as const;

export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export type TicketEventPayload = Readonly<Record<string, string | number | boolean | null>>;

/** One line of the ticket's timeline; appended, never edited. */
export interface TicketEvent {
  type: TicketEventType;
  /** The action that produced it (null for registration). */
  action: TicketActionType | null;
  actorKind: 'staff' | 'customer';
  /** A staff id, or the customer id when `actorKind` is 'customer'. */
  actorId: number;
  atMs: number;
  payload: TicketEventPayload;
  /** Customers see only these on the portal; internal notes and hand-offs stay inside. */
  visibleToCustomer: boolean;
}

export const TICKET_NOTIFICATION_KINDS = [
  'handed_to_you',
  'handed_to_department',
  'unassigned',
  'accepted',
  'declined',
  'escalated_to_you',
  'instructed',
  'customer_replied',
  'callback_due',
  'satisfaction_recorded',
  'customer_confirmed',
  'exception_approved',
  'reopened',
  'ownership_transferred_to_you',
] as const;

export type TicketNotificationKind = (typeof TICKET_NOTIFICATION_KINDS)[number];

/**
 * A staff member to tell about the decision. Customers are not listed: they learn from the
 * customer-visible events. Nobody is notified of their own action.
 */
export interface TicketNotification {
  recipientId: number;
  kind: TicketNotificationKind;
}
