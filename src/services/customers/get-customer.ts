import type { CustomerView } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadCustomerRow, toCustomerView } from './views.ts';

/** One customer; a merged-away duplicate answers too, with `mergedIntoId` saying where it went. */
export async function getCustomer(db: Db, ctx: RequestContext, input: { id: number }): Promise<CustomerView> {
  requireStaff(ctx);
  return toCustomerView(await loadCustomerRow(db, input.id));
}
