import type { CustomerFields } from '../../domain/customers/check-customer-input.ts';

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
