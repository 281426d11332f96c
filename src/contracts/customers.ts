import { Type, type Static } from 'typebox';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES } from '../domain/accountability/decide-complaint-action.ts';
import { ACCOUNT_TEAM_ROLES, CUSTOMER_CHANNELS, CUSTOMER_KINDS, CUSTOMER_LANGUAGES, CUSTOMER_SORTS, DECISION_ROLES } from '../domain/customers/customer-fields.ts';
import { DUPLICATE_REASONS } from '../domain/customers/find-duplicate-candidates.ts';
import { TICKET_CHANNELS, TICKET_STATUSES } from '../domain/tickets/ticket-state.ts';
import { CareVisitView } from './care.ts';
import { Body, ErrorResponse, Id, IsoDateTime, literals, NullableId, NullableInteger, NullableIsoDateTime, NullableNumber, NullableString, Page, PageQuery } from './common.ts';

/** Customers, B2B contacts, account teams and the customer 360 (staff only). */

const Text = (max: number) => Type.String({ maxLength: max });
const NullableText = (max: number) => Type.Union([Text(max), Type.Null()]);
// Lists are length-checked with a field name by checkCustomerInput; the schema only bounds the request.
const TextList = (max: number) => Type.Array(Text(max), { maxItems: 100 });

/** Every customer field; the domain's checkCustomerInput gives the errors that name the field. */
const customerFields = {
  kind: Type.Optional(literals(CUSTOMER_KINDS)),
  name: Text(500),
  organisation: Type.Optional(NullableText(500)),
  parentId: Type.Optional(NullableId),
  departmentId: Type.Optional(NullableId),
  phones: Type.Optional(TextList(100)),
  emails: Type.Optional(TextList(500)),
  addresses: Type.Optional(TextList(1000)),
  segment: Type.Optional(NullableText(100)),
  tags: Type.Optional(TextList(200)),
  preferredLanguage: Type.Optional(Type.Union([literals(CUSTOMER_LANGUAGES), Type.Null()])),
  preferredChannel: Type.Optional(Type.Union([literals(CUSTOMER_CHANNELS), Type.Null()])),
  consentContact: Type.Optional(Type.Boolean()),
  consentSurveys: Type.Optional(Type.Boolean()),
  consentMarketing: Type.Optional(Type.Boolean()),
  notes: Type.Optional(Text(10_000)),
  isAccount: Type.Optional(Type.Boolean()),
  scorecardEnabled: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
};

export const CreateCustomerBody = Body({
  ...customerFields,
  allowDuplicate: Type.Optional(Type.Boolean({ description: 'Create even though records with the same phone, email or a similar name exist' })),
});
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

export const UpdateCustomerBody = Body({
  ...customerFields,
  name: Type.Optional(Text(500)),
  revision: Type.Integer({ minimum: 1, description: 'The revision the editor saw; a newer one on the server answers 409' }),
});
export type UpdateCustomerBody = Static<typeof UpdateCustomerBody>;

export const DuplicateCheckBody = Body({
  name: Text(500),
  phones: Type.Optional(TextList(100)),
  emails: Type.Optional(TextList(500)),
});
export type DuplicateCheckBody = Static<typeof DuplicateCheckBody>;

const listFilters = {
  q: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(literals(CUSTOMER_KINDS)),
  segment: Type.Optional(Type.String({ maxLength: 40 })),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  account: Type.Optional(Type.Boolean({ description: 'true: B2B accounts only' })),
  parentId: Type.Optional(Id),
  active: Type.Optional(Type.Boolean({ description: 'Default: active customers only; false lists the inactive ones' })),
  sort: Type.Optional(literals(CUSTOMER_SORTS)),
};

export const ListCustomersQuery = Type.Object({ ...listFilters, ...PageQuery });
export type ListCustomersQuery = Static<typeof ListCustomersQuery>;

/** The list's filters without paging: the export walks every page itself. */
export const ExportCustomersQuery = Type.Object(listFilters);
export type ExportCustomersQuery = Static<typeof ExportCustomersQuery>;

export const MergeCustomerBody = Body({ intoId: Id });
export type MergeCustomerBody = Static<typeof MergeCustomerBody>;

const contactFields = {
  name: Text(500),
  title: Type.Optional(NullableText(200)),
  phones: Type.Optional(TextList(100)),
  emails: Type.Optional(TextList(500)),
  decisionRole: literals(DECISION_ROLES),
  goals: Type.Optional(Text(2000)),
  painPoints: Type.Optional(Text(2000)),
  reportsToId: Type.Optional(NullableId),
};
export const CreateContactBody = Body(contactFields);
export type CreateContactBody = Static<typeof CreateContactBody>;

export const UpdateContactBody = Body({
  ...contactFields,
  name: Type.Optional(Text(500)),
  decisionRole: Type.Optional(literals(DECISION_ROLES)),
  active: Type.Optional(Type.Boolean()),
});
export type UpdateContactBody = Static<typeof UpdateContactBody>;

export const ContactParams = Type.Object({ id: Id, contactId: Id });
export const ListContactsQuery = Type.Object({ includeInactive: Type.Optional(Type.Boolean()) });
export type ListContactsQuery = Static<typeof ListContactsQuery>;

export const TeamMemberBody = Body({ staffId: Id, role: literals(ACCOUNT_TEAM_ROLES) });
export type TeamMemberBody = Static<typeof TeamMemberBody>;
export const TeamMemberParams = Type.Object({ id: Id, role: literals(ACCOUNT_TEAM_ROLES), staffId: Id });

/** A customer as staff see it. */
export const CustomerView = Type.Object({
  id: Type.Integer(),
  kind: literals(CUSTOMER_KINDS),
  name: Type.String(),
  organisation: NullableString,
  parentId: NullableInteger,
  departmentId: NullableInteger,
  phones: Type.Array(Type.String()),
  emails: Type.Array(Type.String()),
  addresses: Type.Array(Type.String()),
  segment: NullableString,
  tags: Type.Array(Type.String()),
  preferredLanguage: Type.Union([literals(CUSTOMER_LANGUAGES), Type.Null()]),
  preferredChannel: Type.Union([literals(CUSTOMER_CHANNELS), Type.Null()]),
  consentContact: Type.Boolean(),
  consentSurveys: Type.Boolean(),
  consentMarketing: Type.Boolean(),
  notes: Type.String(),
  isAccount: Type.Boolean(),
  scorecardEnabled: Type.Boolean(),
  active: Type.Boolean(),
  mergedIntoId: Type.Union([Type.Integer(), Type.Null()], { description: 'Set on a duplicate merged away: where its history went' }),
  mergedAt: NullableIsoDateTime,
  hasPortalAccount: Type.Boolean(),
  revision: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CustomerView = Static<typeof CustomerView>;

export const CustomerPage = Page(CustomerView);
export type CustomerPage = Static<typeof CustomerPage>;

export const DuplicateCandidateView = Type.Object({
  customer: CustomerView,
  reasons: Type.Array(literals(DUPLICATE_REASONS)),
  score: Type.Number({ description: '1 for a phone, email or equal name, else the name similarity' }),
});
export type DuplicateCandidateView = Static<typeof DuplicateCandidateView>;

export const DuplicateCandidateList = Type.Object({ items: Type.Array(DuplicateCandidateView) });
export type DuplicateCandidateList = Static<typeof DuplicateCandidateList>;

/** A 409 from create: the error, and (for possible_duplicate) the records it may be. */
export const PossibleDuplicateResponse = Type.Object({
  ...ErrorResponse.properties,
  candidates: Type.Optional(Type.Array(DuplicateCandidateView, { description: 'Present when the code is possible_duplicate' })),
});
export type PossibleDuplicateResponse = Static<typeof PossibleDuplicateResponse>;

export const MergeCustomerResult = Type.Object({
  customer: CustomerView,
  moved: Type.Record(Type.String(), Type.Integer(), { description: 'Rows moved to the survivor, per "table.column"' }),
});
export type MergeCustomerResult = Static<typeof MergeCustomerResult>;

export const ContactView = Type.Object({
  id: Type.Integer(),
  customerId: Type.Integer(),
  name: Type.String(),
  title: NullableString,
  phones: Type.Array(Type.String()),
  emails: Type.Array(Type.String()),
  decisionRole: literals(DECISION_ROLES),
  goals: Type.String(),
  painPoints: Type.String(),
  reportsToId: NullableInteger,
  active: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ContactView = Static<typeof ContactView>;

export const ContactList = Type.Object({ items: Type.Array(ContactView) });
export type ContactList = Static<typeof ContactList>;

export const AccountTeamMemberView = Type.Object({
  staffId: Type.Integer(),
  staffName: Type.String(),
  staffEmail: Type.String(),
  role: literals(ACCOUNT_TEAM_ROLES),
  since: IsoDateTime,
});
export type AccountTeamMemberView = Static<typeof AccountTeamMemberView>;

export const AccountTeamList = Type.Object({ items: Type.Array(AccountTeamMemberView, { description: 'Account manager first' }) });
export type AccountTeamList = Static<typeof AccountTeamList>;

export const TimelineItem = Type.Object({
  at: IsoDateTime,
  kind: Type.String({ description: 'ticket_registered, ticket_resolved, ticket_closed, survey_answered, complaint_received, visit, … (sections add their own)' }),
  ref: Type.Object({ type: Type.String({ description: 'What the page links to: ticket, survey, complaint …' }), id: Type.Integer(), label: Type.String() }),
  detail: NullableString,
});
export type TimelineItem = Static<typeof TimelineItem>;

export const Customer360TicketRow = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  subject: Type.String(),
  status: literals(TICKET_STATUSES),
  channel: literals(TICKET_CHANNELS),
  createdAt: IsoDateTime,
  resolvedAt: NullableIsoDateTime,
  satisfaction: NullableInteger,
});
export type Customer360TicketRow = Static<typeof Customer360TicketRow>;

export const Customer360SurveyRow = Type.Object({
  id: Type.Integer(),
  ticketId: NullableInteger,
  ticketNumber: NullableString,
  status: Type.String({ description: 'due, answered or expired' }),
  satisfaction: NullableInteger,
  comment: NullableString,
  dueAt: IsoDateTime,
  answeredAt: NullableIsoDateTime,
});
export type Customer360SurveyRow = Static<typeof Customer360SurveyRow>;

export const Customer360ComplaintRow = Type.Object({
  id: Type.Integer(),
  summary: Type.String(),
  kind: literals(COMPLAINT_KINDS),
  status: literals(COMPLAINT_STATUSES),
  receivedAt: IsoDateTime,
});
export type Customer360ComplaintRow = Static<typeof Customer360ComplaintRow>;

export const MonthlySatisfactionView = Type.Object({
  month: Type.String({ description: 'YYYY-MM in the company time zone' }),
  answered: Type.Integer(),
  average: Type.Number(),
  satisfiedShare: Type.Number({ description: 'Share of answers of 4 or 5 (CSAT), 0–1' }),
});
export type MonthlySatisfactionView = Static<typeof MonthlySatisfactionView>;

/** Everything about one customer on one page; tickets and complaints the viewer may not see are counted, not shown. */
export const Customer360 = Type.Object({
  customer: CustomerView,
  parent: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  members: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: literals(CUSTOMER_KINDS) })),
  contacts: Type.Array(ContactView),
  team: Type.Array(AccountTeamMemberView),
  tickets: Type.Object({ open: Type.Array(Customer360TicketRow), past: Type.Array(Customer360TicketRow), hidden: Type.Integer(), total: Type.Integer() }),
  surveys: Type.Array(Customer360SurveyRow),
  complaints: Type.Object({ items: Type.Array(Customer360ComplaintRow), hidden: Type.Integer() }),
  visits: Type.Union([Type.Array(CareVisitView), Type.Null()], { description: 'The special-care visits (the latest 50); null when that section is not installed' }),
  // An extension point: each section (CUSTOMER_360_SECTIONS) puts its own rows here, so their shape is the section's.
  sections: Type.Record(Type.String(), Type.Array(Type.Unknown()), { description: 'Rows of each section another part of the product adds, by its key (visits: the same as `visits`)' }),
  commitments: Type.Object({ met: Type.Integer(), metLate: Type.Integer(), breached: Type.Integer(), running: Type.Integer(), metShare: NullableNumber }),
  satisfactionTrend: Type.Array(MonthlySatisfactionView),
  timeline: Type.Array(TimelineItem, { description: 'Newest first, at most 100' }),
});
export type Customer360 = Static<typeof Customer360>;
