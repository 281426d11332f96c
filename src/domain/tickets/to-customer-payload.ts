import type { TicketEventPayload, TicketEventType } from './ticket-event.ts';

/**
 * The parts of a customer-visible event's payload a customer may read. Visible events still carry
 * internal facts (staff ids, the status it was reopened from, why an admin closed it without a
 * callback), so the portal passes on only what was written for the customer.
 */
const CUSTOMER_FIELDS: Partial<Record<TicketEventType, readonly string[]>> = {
  registered: ['channel'],
  replied: ['text'],
  waiting_started: ['reason'],
  refused: ['reason'],
  resolved: ['result'],
  called_back: ['satisfaction', 'comment'],
  customer_confirmed: ['comment'],
  customer_rated: ['satisfaction', 'comment'],
  reopened: ['reason'],
};

export function toCustomerPayload(type: string, payload: Readonly<Record<string, unknown>>): TicketEventPayload {
  const fields = CUSTOMER_FIELDS[type as TicketEventType] ?? [];
  const kept: Record<string, string | number | boolean | null> = {};
  for (const field of fields) {
    const value = payload[field];
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') kept[field] = value;
  }
  return kept;
}
