import type { CustomerFields } from './check-customer-input.ts';

/**
 * The surviving record after merging `duplicate` into `survivor`: phones, emails, addresses and
 * tags united (the survivor's first), and what the survivor leaves blank filled from the duplicate.
 * The survivor's own values always win: it is the record people chose to keep.
 */
export function mergeCustomerFields(survivor: CustomerFields, duplicate: CustomerFields): CustomerFields {
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  const notes = [survivor.notes, duplicate.notes].filter(Boolean);
  return {
    ...survivor,
    organisation: survivor.organisation ?? duplicate.organisation,
    parentId: survivor.parentId ?? duplicate.parentId,
    phones: union(survivor.phones, duplicate.phones),
    emails: union(survivor.emails, duplicate.emails),
    addresses: union(survivor.addresses, duplicate.addresses),
    tags: union(survivor.tags, duplicate.tags),
    segment: survivor.segment ?? duplicate.segment,
    preferredLanguage: survivor.preferredLanguage ?? duplicate.preferredLanguage,
    preferredChannel: survivor.preferredChannel ?? duplicate.preferredChannel,
    notes: [...new Set(notes)].join('\n\n'),
  };
}
