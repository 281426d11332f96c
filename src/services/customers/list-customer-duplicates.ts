import type { DuplicateCandidateList } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { findCustomerDuplicatesIn } from './find-customer-duplicates.ts';
import { loadCustomerRow } from './views.ts';

/** Other records that may be this customer. */
export async function listCustomerDuplicates(db: Db, ctx: RequestContext, input: { id: number }): Promise<DuplicateCandidateList> {
  requireStaff(ctx);
  const row = await loadCustomerRow(db, input.id);
  return { items: await findCustomerDuplicatesIn(db, { name: row.name, phones: row.phones, emails: row.emails }, { excludeId: input.id }) };
}
