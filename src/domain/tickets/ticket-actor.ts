/** The same role names as the staff table; repeated here because the domain imports nothing outside itself. */
export type StaffRole = 'admin' | 'supervisor' | 'office' | 'agent';

/** A signed-in staff member with the organisation facts the ticket rules need. */
export interface StaffTicketActor {
  kind: 'staff';
  id: number;
  roles: readonly StaffRole[];
  departmentId: number | null;
  /** Departments this person heads (they assign tickets handed to these departments). */
  headOfDepartmentIds: readonly number[];
  /** Their department and everything below it; only consulted for supervisors. */
  departmentSubtreeIds: readonly number[];
  /** May approve an exception to a refusal. */
  isSeniorManager: boolean;
}

/** A customer signed in on the portal (or identified by a reply-by-email). */
export interface CustomerTicketActor {
  kind: 'customer';
  customerId: number;
}

export type TicketActor = StaffTicketActor | CustomerTicketActor;
