import { describe, expect, it } from 'vitest';
import { toCustomerPayload } from './to-customer-payload.ts';
import { CUSTOMER_TICKET_STATUSES, toCustomerStatus } from './to-customer-status.ts';
import { TICKET_STATUSES } from './ticket-state.ts';

describe('what a customer sees', () => {
  it('every status reads as one of the customer statuses; internal routing reads "in progress"', () => {
    for (const status of TICKET_STATUSES) expect(CUSTOMER_TICKET_STATUSES).toContain(toCustomerStatus(status));
    expect(['registered', 'handed_over', 'escalated', 'in_progress'].map((s) => toCustomerStatus(s as 'registered'))).toEqual(Array(4).fill('in_progress'));
    expect(toCustomerStatus('new')).toBe('submitted');
    expect(toCustomerStatus('called_back')).toBe('rated');
  });

  it('passes on only the fields written for the customer', () => {
    expect(toCustomerPayload('registered', { channel: 'web', ownerId: 3 })).toEqual({ channel: 'web' });
    expect(toCustomerPayload('reopened', { reason: 'Still broken', reopenedFrom: 'closed', handlerId: 2 })).toEqual({ reason: 'Still broken' });
    expect(toCustomerPayload('closed', { reason: 'Customer unreachable for the callback', withoutCallback: true })).toEqual({});
    expect(toCustomerPayload('customer_rated', { satisfaction: 4, comment: null, via: 'link', confirmed: true })).toEqual({ satisfaction: 4, comment: null });
    expect(toCustomerPayload('note_added', { text: 'internal' })).toEqual({});
  });
});
