import type { Role } from '../../domain/org/roles.ts';
import { DomainError, forbidden } from '../../domain/shared/domain-error.ts';
import type { RequestContext, StaffActor } from '../context.ts';

/** Narrows the context to a signed-in staff member holding one of `roles` (any staff when empty). */
export function requireStaff(ctx: RequestContext, ...roles: Role[]): asserts ctx is RequestContext & { actor: StaffActor } {
  if (ctx.actor.kind !== 'staff') throw new DomainError('unauthorized', 'Sign in first.');
  const actor = ctx.actor;
  if (roles.length > 0 && !roles.some((r) => actor.roles.includes(r))) {
    throw forbidden(`Only ${roles.join(' or ')} users may do this.`);
  }
}
