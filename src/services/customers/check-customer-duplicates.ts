import type { DuplicateCandidateList, DuplicateCheckBody } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { checkCustomerInput } from '../../domain/customers/check-customer-input.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { findCustomerDuplicatesIn } from './find-customer-duplicates.ts';

/** Customers that may be the one described, asked by the registration form before it creates one inline. */
export async function checkCustomerDuplicates(db: Db, ctx: RequestContext, input: DuplicateCheckBody): Promise<DuplicateCandidateList> {
  requireStaff(ctx);
  const f = checkCustomerInput({ name: input.name, phones: input.phones, emails: input.emails });
  return { items: await findCustomerDuplicatesIn(db, f) };
}
