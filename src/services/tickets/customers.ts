import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CustomerKind, Database } from '../../db/schema.ts';
import { normalizeEmail, normalizeName } from '../../domain/org/validate-staff.ts';
import { normalizePhone } from '../../domain/customers/normalize-phone.ts';
import { customerSearchText } from '../../domain/customers/customer-search-text.ts';
import { invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { toContainsPattern } from '../../db/queries/contains-pattern.ts';

export interface NewCustomerInput {
  kind?: CustomerKind;
  name: string;
  organisation?: string | null;
  phones?: string[];
  emails?: string[];
  departmentId?: number | null;
}

export interface CustomerView {
  id: number;
  kind: CustomerKind;
  name: string;
  organisation: string | null;
  phones: string[];
  emails: string[];
  departmentId: number | null;
}

export { normalizePhone } from '../../domain/customers/normalize-phone.ts';
export { customerSearchText } from '../../domain/customers/customer-search-text.ts';

/** A new customer's fields, normalised and checked; throws `invalid` naming the field at fault. */
export function checkNewCustomer(input: NewCustomerInput): { kind: CustomerKind; name: string; organisation: string | null; phones: string[]; emails: string[]; departmentId: number | null } {
  const name = normalizeName(input.name, 'name');
  const organisation = input.organisation?.trim() || null;
  const phones = [...new Set((input.phones ?? []).filter((p) => p.trim()).map((p) => normalizePhone(p)))];
  const emails = [...new Set((input.emails ?? []).filter((e) => e.trim()).map((e) => normalizeEmail(e, 'emails')))];
  const kind = input.kind ?? 'person';
  if (kind === 'internal' && !input.departmentId) throw invalid('An internal customer is a department: choose which', 'departmentId');
  return { kind, name, organisation, phones, emails, departmentId: input.departmentId ?? null };
}

/** Creates a customer in the caller's transaction (inline, while registering a ticket). */
export async function createCustomerIn(trx: Transaction<Database> | Db, ctx: RequestContext, input: NewCustomerInput): Promise<CustomerView> {
  const { kind, name, organisation, phones, emails, departmentId } = checkNewCustomer(input);
  const row = await trx
    .insertInto('customers')
    .values({ kind, name, organisation, phones, emails, department_id: departmentId, search_text: customerSearchText({ name, organisation, phones, emails }) })
    .returning(['id', 'kind', 'name', 'organisation', 'phones', 'emails', 'department_id'])
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: 'customer.create', entity: 'customer', entityId: row.id, before: null, after: { kind, name, organisation, phones, emails } });
  return { id: row.id, kind: row.kind, name: row.name, organisation: row.organisation, phones: row.phones, emails: row.emails, departmentId: row.department_id };
}

export async function createCustomer(db: Db, ctx: RequestContext, input: NewCustomerInput): Promise<CustomerView> {
  requireStaff(ctx);
  return db.transaction().execute((trx) => createCustomerIn(trx, ctx, input));
}

/** Search-as-you-type by name, organisation, phone or email; Chinese substrings match too. */
export async function searchCustomers(db: Db, ctx: RequestContext, query: { q: string; limit?: number }): Promise<CustomerView[]> {
  requireStaff(ctx);
  const q = query.q.trim().toLowerCase();
  if (!q) return [];
  const like = toContainsPattern(q);
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'kind', 'name', 'organisation', 'phones', 'emails', 'department_id'])
    .where('search_text', 'like', like)
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit ?? 10)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, organisation: r.organisation, phones: r.phones, emails: r.emails, departmentId: r.department_id }));
}

export async function getCustomer(db: Db, id: number): Promise<CustomerView> {
  const r = await db.selectFrom('customers').select(['id', 'kind', 'name', 'organisation', 'phones', 'emails', 'department_id']).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`No customer with id ${id}`);
  return { id: r.id, kind: r.kind, name: r.name, organisation: r.organisation, phones: r.phones, emails: r.emails, departmentId: r.department_id };
}
