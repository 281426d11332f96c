import type { Transaction } from 'kysely';
import type { CustomerView, DuplicateCandidateView } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { checkCustomerInput, type CustomerFields, type CustomerInput } from '../../domain/customers/check-customer-input.ts';
import { customerSearchText } from '../../domain/customers/customer-search-text.ts';
import type { CustomerKind } from '../../domain/customers/customer-fields.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { checkCustomerLinks } from './check-customer-links.ts';
import { toCustomerColumns } from './customer-columns.ts';
import { findCustomerDuplicatesIn } from './find-customer-duplicates.ts';
import { CUSTOMER_COLUMNS, toCustomerView } from './views.ts';

/** The customer fields the ticket registration form sends for a caller not yet on record. */
export interface NewCustomerInput {
  kind?: CustomerKind;
  name: string;
  organisation?: string | null;
  phones?: string[];
  emails?: string[];
  departmentId?: number | null;
}

/** A new customer from the registration form, normalised and checked (the same rules as the customer form). */
export function checkNewCustomer(input: NewCustomerInput): { kind: CustomerKind; name: string; organisation: string | null; phones: string[]; emails: string[]; departmentId: number | null } {
  const f = checkCustomerInput(input);
  return { kind: f.kind, name: f.name, organisation: f.organisation, phones: f.phones, emails: f.emails, departmentId: f.departmentId };
}

export type CreateCustomerResult = { status: 'created'; customer: CustomerView } | { status: 'duplicates'; candidates: DuplicateCandidateView[] };

/** Writes a checked customer and its audit record in the caller's transaction. */
export async function insertCustomerIn(trx: Transaction<Database>, ctx: RequestContext, fields: CustomerFields): Promise<CustomerView> {
  const fromParent = await checkCustomerLinks(trx, null, fields);
  const f = { ...fields, organisation: fields.organisation ?? fromParent };
  const row = await trx
    .insertInto('customers')
    .values(toCustomerColumns(f, customerSearchText(f)))
    .returning(CUSTOMER_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: 'customer.create', entity: 'customer', entityId: row.id, before: null, after: { ...f } });
  return toCustomerView(row);
}

/**
 * Adds a customer. Unless the client says `allowDuplicate`, a record with the same phone or email
 * or a similar name stops it: the answer lists the candidates and nothing is written.
 */
export async function createCustomer(db: Db, ctx: RequestContext, input: CustomerInput & { allowDuplicate?: boolean }): Promise<CreateCustomerResult> {
  requireStaff(ctx);
  const { allowDuplicate, ...rest } = input;
  const fields = checkCustomerInput(rest);
  // Asked before the transaction: it is advice to a person, not a constraint (two people may still
  // create the same customer at the same moment; merging puts that right).
  if (!allowDuplicate) {
    const candidates = await findCustomerDuplicatesIn(db, fields);
    if (candidates.length > 0) return { status: 'duplicates', candidates };
  }
  return { status: 'created', customer: await db.transaction().execute((trx) => insertCustomerIn(trx, ctx, fields)) };
}
