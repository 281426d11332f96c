import { Type, type Static } from 'typebox';
import { CARE_REASONS } from '../domain/care/care-rules.ts';
import { CARE_VISIT_VIEWS } from '../domain/care/care-visit-views.ts';
import { VISIT_INTERVAL_UNITS } from '../domain/care/visit-schedule.ts';
import { TICKET_STATUSES } from '../domain/tickets/ticket-state.ts';
import { Body, Id, IsoDateTime, literals, NullableId, NullableInteger, NullableIsoDateTime, NullableString, Page, PageQuery } from './common.ts';

/** The special-care register (PRODUCT.md §5): entries, visit plans, generated visits and their records. */

const version = Type.Optional(Type.Integer({ minimum: 1 }));
const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
// Request dates and times are checked by the domain rules, which name the field and say what is wrong.
const LocalDateInput = Type.String({ maxLength: 10 });
/** A local date in the company's time zone, as answered. */
const LocalDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, in the company time zone' });
const NullableLocalDate = Type.Union([LocalDate, Type.Null()]);
const NullableClockTime = Type.Union([Type.String({ description: 'HH:MM, local time' }), Type.Null()]);

export const CreateCareEntryBody = Body({
  customerId: Id,
  reasons: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 4 }),
  note: Type.Optional(NullableText(2000)),
  since: Type.Optional(Type.Union([LocalDateInput, Type.Null()])),
});
export type CreateCareEntryBody = Static<typeof CreateCareEntryBody>;

export const UpdateCareEntryBody = Body({
  version,
  reasons: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 4 })),
  note: Type.Optional(NullableText(2000)),
  since: Type.Optional(Type.Union([LocalDateInput, Type.Null()])),
});
export type UpdateCareEntryBody = Static<typeof UpdateCareEntryBody>;

export const CloseCareEntryBody = Body({ version, reason: Type.String({ maxLength: 1000 }) });
export type CloseCareEntryBody = Static<typeof CloseCareEntryBody>;

export const ListCareEntriesQuery = Type.Object({
  reason: Type.Optional(literals(CARE_REASONS)),
  active: Type.Optional(Type.Boolean()),
  visitorStaffId: Type.Optional(Id),
  visitorDepartmentId: Type.Optional(Id),
  customerId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ...PageQuery,
});
export type ListCareEntriesQuery = Static<typeof ListCareEntriesQuery>;

const planFields = {
  unit: literals(VISIT_INTERVAL_UNITS),
  every: Type.Integer({ minimum: 1, maximum: 104 }),
  startsOn: LocalDateInput,
  preferredWeekday: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 7 }), Type.Null()])),
  preferredFrom: Type.Optional(NullableText(5)),
  preferredUntil: Type.Optional(NullableText(5)),
  preferredNote: Type.Optional(NullableText(500)),
  visitorStaffId: Type.Optional(NullableId),
  visitorDepartmentId: Type.Optional(NullableId),
  active: Type.Optional(Type.Boolean()),
};

export const CreateVisitPlanBody = Body(planFields);
export type CreateVisitPlanBody = Static<typeof CreateVisitPlanBody>;

export const UpdateVisitPlanBody = Body({
  version,
  ...(Object.fromEntries(Object.entries(planFields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof typeof planFields]: ReturnType<typeof Type.Optional<(typeof planFields)[K]>> }),
});
export type UpdateVisitPlanBody = Static<typeof UpdateVisitPlanBody>;

export const GenerateCareVisitsBody = Type.Union([Body({ horizonDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })) }), Type.Null()]);
export type GenerateCareVisitsBody = Static<typeof GenerateCareVisitsBody>;

export const ListCareVisitsQuery = Type.Object({
  view: Type.Optional(literals(CARE_VISIT_VIEWS)),
  visitorId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
  entryId: Type.Optional(Id),
  customerId: Type.Optional(Id),
  ...PageQuery,
});
export type ListCareVisitsQuery = Static<typeof ListCareVisitsQuery>;

export const RecordCareVisitBody = Body({
  version,
  visitedAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  findings: Type.String({ maxLength: 4000 }),
  customerConfirmed: Type.Boolean(),
  customerComment: Type.Optional(NullableText(2000)),
  followUpNeeded: Type.Optional(Type.Boolean()),
  followUpSubject: Type.Optional(NullableText(200)),
  followUpDescription: Type.Optional(NullableText(10_000)),
});
export type RecordCareVisitBody = Static<typeof RecordCareVisitBody>;

export const VisitPlanView = Type.Object({
  id: Type.Integer(),
  entryId: Type.Integer(),
  unit: literals(VISIT_INTERVAL_UNITS),
  every: Type.Integer(),
  startsOn: LocalDate,
  preferredWeekday: NullableInteger,
  preferredFrom: NullableClockTime,
  preferredUntil: NullableClockTime,
  preferredNote: Type.String(),
  visitorStaffId: NullableInteger,
  visitorStaffName: NullableString,
  visitorDepartmentId: NullableInteger,
  visitorDepartmentName: NullableString,
  active: Type.Boolean(),
  nextVisitOn: Type.Union([LocalDate, Type.Null()], { description: 'The next planned date from today, whether or not its ticket exists yet; null when inactive' }),
  version: Type.Integer(),
});
export type VisitPlanView = Static<typeof VisitPlanView>;

export const CareEntryView = Type.Object({
  id: Type.Integer(),
  customerId: Type.Integer(),
  customerName: Type.String(),
  customerPhones: Type.Array(Type.String()),
  reasons: Type.Array(literals(CARE_REASONS)),
  note: Type.String(),
  since: LocalDate,
  registeredById: NullableInteger,
  registeredByName: NullableString,
  active: Type.Boolean(),
  closedReason: NullableString,
  closedAt: NullableIsoDateTime,
  closedByName: NullableString,
  version: Type.Integer(),
  createdAt: IsoDateTime,
});
export type CareEntryView = Static<typeof CareEntryView>;

/** A register line: the entry with its visitors, next visit and overdue count. */
export const CareEntryListItem = Type.Object({
  ...CareEntryView.properties,
  visitors: Type.Array(Type.String(), { description: 'Names of the visitors (people or departments) of its active plans' }),
  nextVisitOn: NullableLocalDate,
  overdueVisits: Type.Integer(),
});
export type CareEntryListItem = Static<typeof CareEntryListItem>;

export const CareEntryPage = Page(CareEntryListItem);
export type CareEntryPage = Static<typeof CareEntryPage>;

export const CareVisitView = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  entryId: Type.Integer(),
  customerId: Type.Integer(),
  customerName: Type.String(),
  customerPhones: Type.Array(Type.String()),
  plannedFor: LocalDate,
  daysOverdue: Type.Integer({ description: 'Days past the planned date while still owed (0 when not overdue)' }),
  ticketId: NullableInteger,
  ticketNumber: NullableString,
  ticketStatus: Type.Union([literals(TICKET_STATUSES), Type.Null()]),
  ticketVersion: NullableInteger,
  ownerId: Type.Union([Type.Integer(), Type.Null()], { description: 'Who owns the visit ticket now: they record it' }),
  ownerName: NullableString,
  handlerId: NullableInteger,
  visitorStaffId: NullableInteger,
  visitorDepartmentId: NullableInteger,
  visitorDepartmentName: NullableString,
  preferredWeekday: NullableInteger,
  preferredFrom: NullableClockTime,
  preferredUntil: NullableClockTime,
  preferredNote: Type.String(),
  recordedAt: NullableIsoDateTime,
  recordedByName: NullableString,
  visitedAt: NullableIsoDateTime,
  findings: NullableString,
  customerConfirmed: Type.Union([Type.Boolean(), Type.Null()]),
  customerComment: NullableString,
  followUpTicketId: NullableInteger,
  followUpTicketNumber: NullableString,
});
export type CareVisitView = Static<typeof CareVisitView>;

/** Overdue visits counted per owner (a visitor, or the head of a visiting department). */
export const VisitorSummary = Type.Object({
  staffId: NullableInteger,
  staffName: NullableString,
  departmentId: NullableInteger,
  departmentName: NullableString,
  count: Type.Integer(),
});
export type VisitorSummary = Static<typeof VisitorSummary>;

export const CareVisitPage = Type.Object({
  ...Page(CareVisitView).properties,
  byVisitor: Type.Array(VisitorSummary, { description: 'Filled for the overdue view only' }),
});
export type CareVisitPage = Static<typeof CareVisitPage>;

export const CareEntryDetail = Type.Object({
  ...CareEntryView.properties,
  plans: Type.Array(VisitPlanView),
  visits: Type.Array(CareVisitView, { description: 'Every visit generated for it, newest planned date first' }),
  canEdit: Type.Boolean(),
});
export type CareEntryDetail = Static<typeof CareEntryDetail>;

export const GenerateCareVisitsResult = Type.Object({
  created: Type.Integer({ description: 'Visit tickets this run registered' }),
  existing: Type.Integer({ description: 'Planned dates that already had their visit (an earlier run, or another instance just now)' }),
  skippedPlans: Type.Array(Type.Integer(), { description: 'Plans skipped because nobody can own their visits (deactivated visitor, department without a head)' }),
  from: LocalDate,
  to: LocalDate,
});
export type GenerateCareVisitsResult = Static<typeof GenerateCareVisitsResult>;
