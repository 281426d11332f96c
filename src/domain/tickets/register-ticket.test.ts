import { describe, expect, it } from 'vitest';
import { registerTicket } from './register-ticket.ts';
import { ACTORS, NOW_MS } from './ticket-test-fixtures.ts';

describe('registerTicket', () => {
  it('staff registering a call become its owner', () => {
    const result = registerTicket({ registeredBy: ACTORS.owner, customerId: 500, channel: 'phone', nowMs: NOW_MS });
    expect(result).toMatchObject({ ok: true, notify: [] });
    if (!result.ok) return;
    expect(result.next).toMatchObject({ status: 'registered', ownerId: 1, ownerDepartmentId: 10, customerId: 500, version: 1, reopenCount: 0 });
    expect(result.events).toEqual([
      { type: 'registered', action: null, actorKind: 'staff', actorId: 1, atMs: NOW_MS, payload: { channel: 'phone', ownerId: 1 }, visibleToCustomer: true },
    ]);
  });

  it("a customer's own submission is new, without an owner, and belongs to that customer", () => {
    const result = registerTicket({ registeredBy: ACTORS.customer, customerId: 999, channel: 'web', nowMs: NOW_MS });
    if (!result.ok) throw new Error(result.message);
    expect(result.next).toMatchObject({ status: 'new', ownerId: null, ownerDepartmentId: null, customerId: 500 });
    expect(result.events[0]).toMatchObject({ actorKind: 'customer', actorId: 500 });
  });

  it('refuses an unknown channel and a missing clock', () => {
    expect(registerTicket({ registeredBy: ACTORS.owner, customerId: 500, channel: 'fax' as never, nowMs: NOW_MS })).toMatchObject({
      ok: false,
      code: 'invalid',
      field: 'channel',
    });
    expect(() => registerTicket({ registeredBy: ACTORS.owner, customerId: 500, channel: 'phone', nowMs: Number.NaN })).toThrow(/nowMs/);
  });
});
