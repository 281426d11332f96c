import type { Role } from '../db/schema.ts';

/** The signed-in staff member a request acts for. */
export interface StaffActor {
  kind: 'staff';
  id: number;
  roles: Role[];
  departmentId: number | null;
}

/** A customer signed in on the portal, or holding a rating link for one of their tickets. */
export interface CustomerActor {
  kind: 'customer';
  /** The customers row. */
  id: number;
}

export type Actor = StaffActor | CustomerActor | { kind: 'system' };

/** Who is acting and from where: every service call carries it so the audit trail can record it. */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  clientIp: string | null;
}

export const systemContext = (requestId: string | null = null): RequestContext => ({
  actor: { kind: 'system' },
  requestId,
  clientIp: null,
});

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.kind === 'staff' && actor.roles.includes(role);
}
