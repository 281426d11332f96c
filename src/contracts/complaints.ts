import { Type, type Static } from 'typebox';
import {
  APPELLANT_KINDS,
  COMPLAINT_ACCESS_LEVELS,
  COMPLAINT_ACTION_TYPES,
  COMPLAINT_KINDS,
  COMPLAINT_LIST_VIEWS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  DEDUCTION_SEVERITIES,
  EVIDENCE_KINDS,
  FLAG_DECISIONS,
  FLAG_ROLES,
  FLAG_STATUSES,
  RECOMMENDED_ACTIONS,
  STAFF_COMPLAINT_SOURCES,
} from '../domain/accountability/value-lists.ts';
import { Body, Id, IsoDateTime, NullableId, NullableInteger, NullableIsoDateTime, NullableString, PageQuery, Page, literals } from './common.ts';

/** Complaints as staff handle them, and the three-complaint flags they raise. The portal's side is in portal-complaints.ts. */

const Text = (max: number) => Type.String({ maxLength: max });
const NullableText = (max: number) => Type.Union([Text(max), Type.Null()]);
const version = Type.Optional(Type.Integer({ minimum: 1 }));
const Severity = literals(DEDUCTION_SEVERITIES);
const NullableSeverity = Type.Union([Severity, Type.Null()]);

export const ComplaintKind = literals(COMPLAINT_KINDS);
/** Free-form event details (what changed, in the words of the rule that decided it). */
export const EventPayload = Type.Record(Type.String(), Type.Unknown());

// ---- requests ----

export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });

export const RegisterComplaintBody = Body({
  source: literals(STAFF_COMPLAINT_SOURCES),
  customerId: Type.Optional(NullableId),
  complainantName: Type.Optional(NullableText(200)),
  complainantContact: Type.Optional(NullableText(200)),
  subjectStaffId: Type.Optional(NullableId),
  subjectDescription: Type.Optional(NullableText(500)),
  ticketId: Type.Optional(NullableId),
  /** The ticket by the number staff and customers quote (2026-000123), instead of its id. */
  ticketNumber: Type.Optional(NullableText(40)),
  kind: Type.Optional(ComplaintKind),
  summary: Text(200),
  description: Type.Optional(NullableText(10_000)),
  /** When the letter or call came in, if earlier than now. */
  receivedAt: Type.Optional(NullableIsoDateTime),
});
export type RegisterComplaintBody = Static<typeof RegisterComplaintBody>;

export const ListComplaintsQuery = Type.Object({
  view: Type.Optional(literals(COMPLAINT_LIST_VIEWS)),
  status: Type.Optional(literals(COMPLAINT_STATUSES)),
  personId: Type.Optional(Id),
  ...PageQuery,
});
export type ListComplaintsQuery = Static<typeof ListComplaintsQuery>;

export const AssignComplaintBody = Body({ version, investigatorId: Id });
export type AssignComplaintBody = Static<typeof AssignComplaintBody>;
export const UpdateComplaintBody = Body({ version, subjectStaffId: Type.Optional(NullableId), ticketId: Type.Optional(NullableId), kind: Type.Optional(ComplaintKind), findings: Type.Optional(NullableText(10_000)) });
export type UpdateComplaintBody = Static<typeof UpdateComplaintBody>;
export const AddComplaintEvidenceBody = Body({ version, kind: literals(EVIDENCE_KINDS), description: Text(4000), ticketId: Type.Optional(NullableId), url: Type.Optional(NullableText(2000)) });
export type AddComplaintEvidenceBody = Static<typeof AddComplaintEvidenceBody>;
export const RespondToComplaintBody = Body({ version, text: Text(4000) });
export type RespondToComplaintBody = Static<typeof RespondToComplaintBody>;
/** A decision and an appeal's decision take the same fields. */
export const DecideComplaintBody = Body({
  version, outcome: literals(COMPLAINT_OUTCOMES), reason: Text(2000), severity: Type.Optional(Severity), customerMessage: Type.Optional(NullableText(2000)),
  earlyDecisionReason: Type.Optional(Type.Union([Text(2000), Type.Null()], { description: 'Required to verify before the person concerned responded and before their deadline (responseDueAt); ignored otherwise' })),
});
export type DecideComplaintBody = Static<typeof DecideComplaintBody>;
export const AppealComplaintBody = Body({ version, reason: Text(2000) });
export type AppealComplaintBody = Static<typeof AppealComplaintBody>;

export const FlagDecisionBody = Body({ version, decision: literals(FLAG_DECISIONS), note: Text(4000) });
export type FlagDecisionBody = Static<typeof FlagDecisionBody>;
export const FlagListQuery = Type.Object({ status: Type.Optional(literals(FLAG_STATUSES)) });
export type FlagListQuery = Static<typeof FlagListQuery>;

// ---- responses ----

export const ComplaintEventView = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  at: IsoDateTime,
  actorKind: Type.String(),
  actorName: NullableString,
  payload: EventPayload,
});
export type ComplaintEventView = Static<typeof ComplaintEventView>;

export const ComplaintEvidenceView = Type.Object({
  id: Type.Integer(),
  kind: literals(EVIDENCE_KINDS),
  description: Type.String(),
  ticketId: NullableInteger,
  ticketNumber: NullableString,
  url: NullableString,
  addedByName: NullableString,
  addedAt: IsoDateTime,
});
export type ComplaintEvidenceView = Static<typeof ComplaintEvidenceView>;

/** A complaint as staff see it. With `access: 'complainant'` the investigation's internals are left out (null / empty). */
export const ComplaintView = Type.Object({
  id: Type.Integer(),
  access: literals(COMPLAINT_ACCESS_LEVELS),
  source: literals(COMPLAINT_SOURCES),
  status: literals(COMPLAINT_STATUSES),
  kind: ComplaintKind,
  summary: Type.String(),
  description: Type.String(),
  receivedAt: IsoDateTime,
  customerId: NullableInteger,
  customerName: NullableString,
  complainantStaffId: NullableInteger,
  complainantStaffName: NullableString,
  complainantName: NullableString,
  complainantContact: NullableString,
  subjectStaffId: NullableInteger,
  subjectName: NullableString,
  subjectDepartmentId: NullableInteger,
  subjectDepartmentName: NullableString,
  subjectDescription: NullableString,
  ticketId: NullableInteger,
  ticketNumber: NullableString,
  registeredByName: NullableString,
  investigatorId: NullableInteger,
  investigatorName: NullableString,
  findings: NullableString,
  response: NullableString,
  respondedAt: NullableIsoDateTime,
  responseDueAt: Type.Union([IsoDateTime, Type.Null()], { description: 'By when the person concerned is asked to respond (set when they are named)' }),
  earlyDecisionReason: Type.Union([Type.String(), Type.Null()], { description: 'Why it was verified before the person concerned responded and before the deadline' }),
  severity: NullableSeverity,
  decisionReason: NullableString,
  customerMessage: NullableString,
  decidedAt: NullableIsoDateTime,
  decidedByName: NullableString,
  verifiedAt: Type.Union([IsoDateTime, Type.Null()], { description: 'When the verification that stands was made: what the three-complaint rule counts from' }),
  appealReason: NullableString,
  appealedAt: NullableIsoDateTime,
  appealedByKind: Type.Union([literals(APPELLANT_KINDS), Type.Null()]),
  appealDecisionReason: NullableString,
  appealDecidedAt: NullableIsoDateTime,
  version: Type.Integer(),
  actions: Type.Array(literals(COMPLAINT_ACTION_TYPES), { description: 'What I may do with it now' }),
  events: Type.Array(ComplaintEventView),
  evidence: Type.Array(ComplaintEvidenceView),
});
export type ComplaintView = Static<typeof ComplaintView>;

export const ComplaintListItem = Type.Object({
  id: Type.Integer(),
  source: literals(COMPLAINT_SOURCES),
  status: literals(COMPLAINT_STATUSES),
  kind: ComplaintKind,
  summary: Type.String(),
  complainant: NullableString,
  subjectStaffId: NullableInteger,
  subjectName: NullableString,
  subjectDepartmentName: NullableString,
  ticketNumber: NullableString,
  investigatorName: NullableString,
  receivedAt: IsoDateTime,
});
export type ComplaintListItem = Static<typeof ComplaintListItem>;

export const ComplaintList = Page(ComplaintListItem);
export type ComplaintList = Static<typeof ComplaintList>;

/** A complaint a flag counts, as the flag's readers see it. */
export const FlaggedComplaint = Type.Object({ id: Type.Integer(), summary: Type.String(), receivedAt: IsoDateTime, verifiedAt: NullableIsoDateTime, status: literals(COMPLAINT_STATUSES) });

export const ComplaintFlagView = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  personName: Type.String(),
  departmentId: NullableInteger,
  departmentName: NullableString,
  role: literals(FLAG_ROLES),
  recommendedAction: literals(RECOMMENDED_ACTIONS),
  complaints: Type.Array(FlaggedComplaint),
  raisedAt: IsoDateTime,
  status: literals(FLAG_STATUSES),
  countNow: Type.Integer({ description: 'Verified complaints in the 365 days up to now' }),
  flaggedUntil: Type.Union([IsoDateTime, Type.Null()], { description: 'When the flag would lapse if nothing new comes' }),
  decision: Type.Union([literals(FLAG_DECISIONS), Type.Null()]),
  decisionNote: NullableString,
  decidedAt: NullableIsoDateTime,
  decidedByName: NullableString,
  withdrawnReason: NullableString,
  canDecide: Type.Boolean({ description: 'Whether I may record the decision' }),
  version: Type.Integer(),
});
export type ComplaintFlagView = Static<typeof ComplaintFlagView>;

export const ComplaintFlagList = Type.Object({ items: Type.Array(ComplaintFlagView) });
export type ComplaintFlagList = Static<typeof ComplaintFlagList>;
