import type { TicketActor } from './ticket-actor.ts';
import type { TicketState } from './ticket-state.ts';

/** The facts visibility depends on; a full `TicketState` will do, and so will a row holding just these. */
export type TicketViewFacts = Pick<
  TicketState,
  'status' | 'customerId' | 'ownerId' | 'ownerDepartmentId' | 'handlerId' | 'handlerDepartmentId' | 'escalatedToId'
>;

/**
 * Who sees a ticket. Customers: only their own. Staff: what they own, handle or were escalated;
 * their department's (as owner's or handler's department) and those of departments they head;
 * supervisors their department subtree; admin, office and senior managers everything. `new`
 * tickets are the shared intake queue, so every staff member sees them.
 */
export function canViewTicket(ticket: TicketViewFacts, viewer: TicketActor): boolean {
  if (viewer.kind === 'customer') return ticket.customerId !== null && ticket.customerId === viewer.customerId;
  if (viewer.roles.includes('admin') || viewer.roles.includes('office') || viewer.isSeniorManager) return true;
  if (ticket.status === 'new') return true;
  if (viewer.id === ticket.ownerId || viewer.id === ticket.handlerId || viewer.id === ticket.escalatedToId) return true;
  const departments = [ticket.ownerDepartmentId, ticket.handlerDepartmentId].filter((d): d is number => d !== null);
  if (viewer.departmentId !== null && departments.includes(viewer.departmentId)) return true;
  if (departments.some((d) => viewer.headOfDepartmentIds.includes(d))) return true;
  return viewer.roles.includes('supervisor') && departments.some((d) => viewer.departmentSubtreeIds.includes(d));
}
