import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CustomerContactsTable, Database } from '../../db/schema.ts';
import { checkContactInput, checkReportsTo, type ContactInput } from '../../domain/customers/check-contact-input.ts';
import type { DecisionRole } from '../../domain/customers/customer-fields.ts';
import { DomainError, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadCustomerRow } from './customer-view.ts';

export interface ContactView {
  id: number;
  customerId: number;
  name: string;
  title: string | null;
  phones: string[];
  emails: string[];
  decisionRole: DecisionRole;
  goals: string;
  painPoints: string;
  reportsToId: number | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

function toContactView(r: Selectable<CustomerContactsTable>): ContactView {
  return {
    id: r.id, customerId: r.customer_id, name: r.name, title: r.title, phones: r.phones, emails: r.emails, decisionRole: r.decision_role,
    goals: r.goals, painPoints: r.pain_points, reportsToId: r.reports_to_id, active: r.active,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The account's contacts, the organisation chart's nodes (inactive ones too when asked). */
export async function listContacts(db: Db | Transaction<Database>, ctx: RequestContext, customerId: number, options: { includeInactive?: boolean } = {}): Promise<ContactView[]> {
  requireStaff(ctx);
  await loadCustomerRow(db, customerId);
  let q = db.selectFrom('customer_contacts').selectAll().where('customer_id', '=', customerId);
  if (!options.includeInactive) q = q.where('active', '=', true);
  return (await q.orderBy('name').orderBy('id').execute()).map(toContactView);
}

async function loadChart(trx: Transaction<Database>, customerId: number) {
  const rows = await trx.selectFrom('customer_contacts').select(['id', 'reports_to_id', 'active']).where('customer_id', '=', customerId).forUpdate().execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, parentId: r.reports_to_id, active: r.active }]));
}

async function loadAccountForContacts(trx: Transaction<Database>, customerId: number) {
  const customer = await loadCustomerRow(trx, customerId, { forUpdate: true });
  if (customer.merged_into_id !== null) throw new DomainError('wrong_state', `This customer was merged into customer ${customer.merged_into_id}`, undefined, 'merged');
  if (customer.kind !== 'organisation') throw new DomainError('invalid', 'Contacts belong to an organisation', 'customerId');
  return customer;
}

export async function createContact(db: Db, ctx: RequestContext, customerId: number, input: ContactInput): Promise<ContactView> {
  requireStaff(ctx);
  const f = checkContactInput(input);
  return db.transaction().execute(async (trx) => {
    await loadAccountForContacts(trx, customerId);
    checkReportsTo(await loadChart(trx, customerId), null, f.reportsToId);
    const row = await trx
      .insertInto('customer_contacts')
      .values({ customer_id: customerId, name: f.name, title: f.title, phones: f.phones, emails: f.emails, decision_role: f.decisionRole, goals: f.goals, pain_points: f.painPoints, reports_to_id: f.reportsToId, active: f.active })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'customer_contact.create', entity: 'customer_contact', entityId: row.id, before: null, after: { customerId, ...f } });
    return toContactView(row);
  });
}

export async function updateContact(db: Db, ctx: RequestContext, customerId: number, contactId: number, input: ContactInput): Promise<ContactView> {
  requireStaff(ctx);
  return db.transaction().execute(async (trx) => {
    await loadAccountForContacts(trx, customerId);
    const chart = await loadChart(trx, customerId);
    const row = await trx.selectFrom('customer_contacts').selectAll().where('id', '=', contactId).where('customer_id', '=', customerId).executeTakeFirst();
    if (!row) throw notFound(`No contact ${contactId} at customer ${customerId}`);
    const before = toContactView(row);
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const f = checkContactInput({ ...before, ...defined });
    if (f.reportsToId !== before.reportsToId) checkReportsTo(chart, contactId, f.reportsToId);
    if (!f.active && before.active) {
      // Leaving: the people who reported to them now report to their manager, so the chart stays whole.
      await trx.updateTable('customer_contacts').set({ reports_to_id: f.reportsToId, updated_at: new Date() }).where('reports_to_id', '=', contactId).execute();
    }
    const updated = await trx
      .updateTable('customer_contacts')
      .set({ name: f.name, title: f.title, phones: f.phones, emails: f.emails, decision_role: f.decisionRole, goals: f.goals, pain_points: f.painPoints, reports_to_id: f.reportsToId, active: f.active, updated_at: new Date() })
      .where('id', '=', contactId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toContactView(updated);
    await recordAudit(trx, ctx, { action: 'customer_contact.update', entity: 'customer_contact', entityId: contactId, before: { ...before, updatedAt: undefined }, after: { ...after, updatedAt: undefined } });
    return after;
  });
}

/** Removing a contact deactivates it: what they said and decided stays on record. */
export async function removeContact(db: Db, ctx: RequestContext, customerId: number, contactId: number): Promise<ContactView> {
  return updateContact(db, ctx, customerId, contactId, { active: false });
}
