import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CustomersTable, Database } from '../../db/schema.ts';
import type { CustomerFields } from '../../domain/customers/check-customer-input.ts';
import type { CustomerKind, CustomerLanguage } from '../../domain/customers/customer-fields.ts';
import { notFound } from '../../domain/shared/domain-error.ts';

export type CustomerRow = Omit<Selectable<CustomersTable>, 'portal_password_hash' | 'search_bigrams' | 'search_chars'>;

/** Every column but the portal password hash and the generated search pairs. */
export const CUSTOMER_COLUMNS = [
  'id', 'kind', 'name', 'organisation', 'phones', 'emails', 'department_id', 'search_text', 'portal_email', 'created_at', 'updated_at',
  'parent_id', 'addresses', 'segment', 'tags', 'preferred_language', 'preferred_channel', 'consent_contact', 'consent_surveys', 'consent_marketing',
  'notes', 'is_account', 'scorecard_enabled', 'merged_into_id', 'merged_at', 'active', 'revision',
] as const;

/** A customer as staff see it. */
export interface CustomerView {
  id: number;
  kind: CustomerKind;
  name: string;
  organisation: string | null;
  parentId: number | null;
  departmentId: number | null;
  phones: string[];
  emails: string[];
  addresses: string[];
  segment: string | null;
  tags: string[];
  preferredLanguage: CustomerLanguage | null;
  preferredChannel: string | null;
  consentContact: boolean;
  consentSurveys: boolean;
  consentMarketing: boolean;
  notes: string;
  isAccount: boolean;
  scorecardEnabled: boolean;
  active: boolean;
  /** Set on a duplicate merged away: where its history went. */
  mergedIntoId: number | null;
  mergedAt: string | null;
  hasPortalAccount: boolean;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export function toCustomerView(r: CustomerRow): CustomerView {
  return {
    id: r.id, kind: r.kind, name: r.name, organisation: r.organisation, parentId: r.parent_id, departmentId: r.department_id,
    phones: r.phones, emails: r.emails, addresses: r.addresses, segment: r.segment, tags: r.tags,
    preferredLanguage: r.preferred_language, preferredChannel: r.preferred_channel,
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

/** The columns to write for `fields` (search_text included: it must follow name, organisation, phones, emails). */
export function toCustomerColumns(f: CustomerFields, searchText: string) {
  return {
    kind: f.kind, name: f.name, organisation: f.organisation, parent_id: f.parentId, department_id: f.departmentId,
    phones: f.phones, emails: f.emails, addresses: f.addresses, segment: f.segment, tags: f.tags,
    preferred_language: f.preferredLanguage, preferred_channel: f.preferredChannel,
    consent_contact: f.consentContact, consent_surveys: f.consentSurveys, consent_marketing: f.consentMarketing,
    notes: f.notes, is_account: f.isAccount, scorecard_enabled: f.scorecardEnabled, active: f.active, search_text: searchText,
  };
}

export async function loadCustomerRow(db: Db | Transaction<Database>, id: number, options: { forUpdate?: boolean } = {}): Promise<CustomerRow> {
  let q = db.selectFrom('customers').select(CUSTOMER_COLUMNS).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(`No customer with id ${id}`);
  return row;
}
