import type { Selectable, Transaction } from 'kysely';
import type { AccountTeamMemberView, ContactView, CustomerView, ListContactsQuery } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import type { CustomerContactsTable, CustomersTable, Database } from '../../db/schema.ts';
import type { CustomerFields } from '../../domain/customers/check-customer-input.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { ACCOUNT_TEAM_ROLES, type AccountTeamRole, type CustomerChannel } from '../../domain/customers/customer-fields.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

export type CustomerRow = Omit<Selectable<CustomersTable>, 'portal_password_hash' | 'search_bigrams' | 'search_chars'>;

/** Every column but the portal password hash and the generated search pairs. */
export const CUSTOMER_COLUMNS = [
  'id', 'kind', 'name', 'organisation', 'phones', 'emails', 'department_id', 'search_text', 'portal_email', 'created_at', 'updated_at',
  'parent_id', 'addresses', 'segment', 'tags', 'preferred_language', 'preferred_channel', 'consent_contact', 'consent_surveys', 'consent_marketing',
  'notes', 'is_account', 'scorecard_enabled', 'merged_into_id', 'merged_at', 'active', 'revision',
] as const;

export function toCustomerView(r: CustomerRow): CustomerView {
  return {
    id: r.id, kind: r.kind, name: r.name, organisation: r.organisation, parentId: r.parent_id, departmentId: r.department_id,
    phones: r.phones, emails: r.emails, addresses: r.addresses, segment: r.segment, tags: r.tags,
    preferredLanguage: r.preferred_language, preferredChannel: r.preferred_channel as CustomerChannel | null,
    consentContact: r.consent_contact, consentSurveys: r.consent_surveys, consentMarketing: r.consent_marketing,
    notes: r.notes, isAccount: r.is_account, scorecardEnabled: r.scorecard_enabled, active: r.active,
    mergedIntoId: r.merged_into_id, mergedAt: r.merged_at ? new Date(r.merged_at).toISOString() : null,
    hasPortalAccount: r.portal_email !== null, revision: r.revision,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The stored record as the domain's fields, to overlay an edit on or to merge. */
export function toCustomerFields(r: CustomerRow): CustomerFields {
  return {
    kind: r.kind, name: r.name, organisation: r.organisation, parentId: r.parent_id, departmentId: r.department_id,
    phones: r.phones, emails: r.emails, addresses: r.addresses, segment: r.segment, tags: r.tags,
    preferredLanguage: r.preferred_language, preferredChannel: r.preferred_channel,
    consentContact: r.consent_contact, consentSurveys: r.consent_surveys, consentMarketing: r.consent_marketing,
    notes: r.notes, isAccount: r.is_account, scorecardEnabled: r.scorecard_enabled, active: r.active,
  };
}

export async function loadCustomerRow(db: Db | Transaction<Database>, id: number, options: { forUpdate?: boolean } = {}): Promise<CustomerRow> {
  let q = db.selectFrom('customers').select(CUSTOMER_COLUMNS).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(`No customer with id ${id}`);
  return row;
}

export function toContactView(r: Selectable<CustomerContactsTable>): ContactView {
  return {
    id: r.id, customerId: r.customer_id, name: r.name, title: r.title, phones: r.phones, emails: r.emails, decisionRole: r.decision_role,
    goals: r.goals, painPoints: r.pain_points, reportsToId: r.reports_to_id, active: r.active,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The account's contacts, the organisation chart's nodes (inactive ones too when asked). */
export async function listContacts(db: Db | Transaction<Database>, ctx: RequestContext, input: { customerId: number } & ListContactsQuery): Promise<ContactView[]> {
  requireStaff(ctx);
  await loadCustomerRow(db, input.customerId);
  let q = db.selectFrom('customer_contacts').selectAll().where('customer_id', '=', input.customerId);
  if (!input.includeInactive) q = q.where('active', '=', true);
  return (await q.orderBy('name').orderBy('id').execute()).map(toContactView);
}

/** Our staff serving the account, account manager first. */
export async function listAccountTeam(db: Db, ctx: RequestContext, input: { customerId: number }): Promise<AccountTeamMemberView[]> {
  requireStaff(ctx);
  await loadCustomerRow(db, input.customerId);
  const rows = await db
    .selectFrom('account_team_members as m')
    .innerJoin('staff as s', 's.id', 'm.staff_id')
    .select(['m.staff_id', 's.name', 's.email', 'm.role', 'm.created_at'])
    .where('m.customer_id', '=', input.customerId)
    .execute();
  const order = (r: AccountTeamRole) => ACCOUNT_TEAM_ROLES.indexOf(r);
  return rows
    .map((r) => ({ staffId: r.staff_id, staffName: r.name, staffEmail: r.email, role: r.role, since: new Date(r.created_at).toISOString() }))
    .sort((a, b) => order(a.role) - order(b.role) || a.staffName.localeCompare(b.staffName));
}
