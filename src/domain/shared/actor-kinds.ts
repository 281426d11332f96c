/** Who can act on Centric, as recorded in the audit trail and timelines: a staff member, a customer, or Centric itself. */
export const ACTOR_KINDS = ['staff', 'customer', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
