import type { TicketStatus } from './ticket-state.ts';

/**
 * What a customer sees of a ticket's status. Routing inside the company (handed over, escalated,
 * with the owner) is internal, like its timeline events, so those all read "in progress".
 */
export const CUSTOMER_TICKET_STATUSES = ['submitted', 'in_progress', 'waiting_on_you', 'resolved', 'rated', 'closed', 'refused'] as const;
export type CustomerTicketStatus = (typeof CUSTOMER_TICKET_STATUSES)[number];

const MAP: Record<TicketStatus, CustomerTicketStatus> = {
  new: 'submitted',
  registered: 'in_progress',
  in_progress: 'in_progress',
  handed_over: 'in_progress',
  escalated: 'in_progress',
  waiting: 'waiting_on_you',
  resolved: 'resolved',
  // The satisfaction is recorded, by the owner's callback or the customer's own rating.
  called_back: 'rated',
  closed: 'closed',
  refused: 'refused',
};

export function toCustomerStatus(status: TicketStatus): CustomerTicketStatus {
  return MAP[status];
}
