import type { ContactView } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import { updateContact } from './update-contact.ts';

/** Removing a contact deactivates it: what they said and decided stays on record. */
export async function removeContact(db: Db, ctx: RequestContext, input: { customerId: number; contactId: number }): Promise<ContactView> {
  return updateContact(db, ctx, { customerId: input.customerId, contactId: input.contactId, active: false });
}
