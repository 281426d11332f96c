import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** The spot-check checklist (PRODUCT.md §1 and §4): what the office looks for in a closed ticket. */
export const SPOT_CHECK_CHECKS = ['ownershipKept', 'resultTold', 'callbackMade', 'mannerOk'] as const;
export type SpotCheckCheck = (typeof SPOT_CHECK_CHECKS)[number];

export type SpotCheckChecklist = Record<SpotCheckCheck, boolean>;

/**
 * A ticket passes only when every check holds: the owner kept ownership to the end, the result was told
 * at once, the callback was made and the manner was right. One failed check fails the ticket.
 */
export function judgeSpotCheckItem(checklist: SpotCheckChecklist): { passed: boolean; failed: SpotCheckCheck[] } {
  if (checklist === null || typeof checklist !== 'object') throw new DomainValidationError('checklist', 'The checklist must be an object');
  for (const check of SPOT_CHECK_CHECKS) {
    if (typeof checklist[check] !== 'boolean') throw new DomainValidationError(check, `Answer "${check}" with yes or no`);
  }
  const failed = SPOT_CHECK_CHECKS.filter((c) => !checklist[c]);
  return { passed: failed.length === 0, failed };
}
