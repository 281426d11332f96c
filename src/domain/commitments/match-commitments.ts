import type { CommitmentAppliesTo } from './commitment-spec.ts';

/** What a commitment's `appliesTo` is matched against. */
export interface TicketMatchFacts {
  /** The ticket's category and all its ancestors (any order); empty when it has no category. */
  categoryAncestorIds: readonly number[];
  priority: string;
  channel: string;
  /** The customer's kind (person, organisation, internal); null when the ticket has no customer. */
  customerKind: string | null;
  /** The customer's segment; null when the ticket has no customer or the customer none. */
  customerSegment: string | null;
}

/**
 * Whether a commitment applies to a ticket: every list that is given must contain the ticket's
 * value; a category list names subtree roots, so a ticket anywhere below one of them matches.
 * A ticket without a category (or customer) matches only commitments that do not ask for one.
 */
export function matchesTicket(appliesTo: CommitmentAppliesTo, facts: TicketMatchFacts): boolean {
  const { categoryIds, priorities, channels, customerKinds, customerSegments } = appliesTo;
  if (categoryIds && categoryIds.length > 0 && !categoryIds.some((id) => facts.categoryAncestorIds.includes(id))) return false;
  if (priorities && priorities.length > 0 && !priorities.includes(facts.priority)) return false;
  if (channels && channels.length > 0 && !channels.includes(facts.channel)) return false;
  if (customerKinds && customerKinds.length > 0 && (facts.customerKind === null || !customerKinds.includes(facts.customerKind))) return false;
  if (customerSegments && customerSegments.length > 0 && (facts.customerSegment === null || !customerSegments.includes(facts.customerSegment))) return false;
  return true;
}

/** The items whose `appliesTo` matches the ticket, in their order. */
export function matchCommitments<T extends { appliesTo: CommitmentAppliesTo }>(items: readonly T[], facts: TicketMatchFacts): T[] {
  return items.filter((item) => matchesTicket(item.appliesTo, facts));
}
