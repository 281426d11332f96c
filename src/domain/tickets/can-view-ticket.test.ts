import { describe, expect, it } from 'vitest';
import { canSeeEvent } from './can-see-event.ts';
import { canViewTicket, type TicketViewFacts } from './can-view-ticket.ts';
import { ACTORS, buildTicketState, FIXTURES } from './ticket-test-fixtures.ts';

const facts = (overrides: Partial<TicketViewFacts>): TicketViewFacts => buildTicketState(overrides);

describe('canViewTicket', () => {
  it('customers see their own tickets only, in every status', () => {
    for (const state of Object.values(FIXTURES)) {
      expect(canViewTicket(state, ACTORS.customer)).toBe(true);
      expect(canViewTicket(state, ACTORS.otherCustomer)).toBe(false);
    }
    expect(canViewTicket(facts({ customerId: null }), ACTORS.customer)).toBe(false);
  });

  it('admin, office and senior managers see everything', () => {
    const remote = facts({ ownerId: 99, ownerDepartmentId: 77, handlerId: 98, handlerDepartmentId: 78 });
    for (const viewer of [ACTORS.admin, ACTORS.office, ACTORS.senior]) expect(canViewTicket(remote, viewer)).toBe(true);
    for (const viewer of [ACTORS.owner, ACTORS.handler, ACTORS.head, ACTORS.colleague, ACTORS.supervisor, ACTORS.stranger]) {
      expect(canViewTicket(remote, viewer)).toBe(false);
    }
  });

  it('every staff member sees the new-ticket intake queue', () => {
    expect(canViewTicket(FIXTURES.new, ACTORS.stranger)).toBe(true);
  });

  it('staff see what they own, handle or were escalated, wherever their department is', () => {
    const elsewhere = { ownerDepartmentId: 77, handlerDepartmentId: 78 };
    expect(canViewTicket(facts({ ...elsewhere, ownerId: 6 }), ACTORS.stranger)).toBe(true);
    expect(canViewTicket(facts({ ...elsewhere, handlerId: 6 }), ACTORS.stranger)).toBe(true);
    expect(canViewTicket(facts({ ...elsewhere, escalatedToId: 6 }), ACTORS.stranger)).toBe(true);
    expect(canViewTicket(facts({ ...elsewhere }), ACTORS.stranger)).toBe(false);
  });

  it("staff see their department's tickets, as owner's or handler's department", () => {
    expect(canViewTicket(facts({ ownerId: 99, ownerDepartmentId: 30 }), ACTORS.stranger)).toBe(true);
    expect(canViewTicket(facts({ ownerId: 99, ownerDepartmentId: 77, handlerDepartmentId: 30 }), ACTORS.stranger)).toBe(true);
    expect(canViewTicket(facts({ ownerId: 99, ownerDepartmentId: 77, handlerDepartmentId: 31 }), ACTORS.stranger)).toBe(false);
  });

  it('heads see tickets of the departments they head, even outside their own', () => {
    const head = { ...ACTORS.head, departmentId: 1, headOfDepartmentIds: [20, 21] };
    expect(canViewTicket(facts({ handlerDepartmentId: 21 }), head)).toBe(true);
    expect(canViewTicket(facts({ handlerDepartmentId: 22 }), head)).toBe(false);
  });

  it('supervisors see their department subtree; others ignore the subtree', () => {
    const below = facts({ ownerId: 99, ownerDepartmentId: 11 });
    expect(canViewTicket(below, ACTORS.supervisor)).toBe(true);
    expect(canViewTicket(facts({ ownerId: 99, ownerDepartmentId: 12 }), ACTORS.supervisor)).toBe(false);
    const agentWithSubtree = { ...ACTORS.stranger, departmentSubtreeIds: [30, 11] };
    expect(canViewTicket(below, agentWithSubtree)).toBe(false);
  });

  it('staff without a department see only their own and the intake queue', () => {
    const loner = { ...ACTORS.stranger, departmentId: null, departmentSubtreeIds: [] };
    expect(canViewTicket(facts({ ownerDepartmentId: null, handlerDepartmentId: null }), loner)).toBe(false);
    expect(canViewTicket(facts({ ownerId: 6 }), loner)).toBe(true);
  });
});

describe('canSeeEvent', () => {
  it('customers see only customer-visible events; staff see all', () => {
    expect(canSeeEvent({ visibleToCustomer: true }, ACTORS.customer)).toBe(true);
    expect(canSeeEvent({ visibleToCustomer: false }, ACTORS.customer)).toBe(false);
    expect(canSeeEvent({ visibleToCustomer: false }, ACTORS.stranger)).toBe(true);
  });
});
