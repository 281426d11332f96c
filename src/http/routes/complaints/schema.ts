import { Type, type TSchema } from 'typebox';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES, EVIDENCE_KINDS } from '../../../domain/accountability/decide-complaint-action.ts';
import { FLAG_DECISIONS } from '../../../services/accountability/complaint-flags.ts';
import { Body, PageQuery } from '../common.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Id = Type.Integer({ minimum: 1 });
const NullableId = Type.Union([Id, Type.Null()]);
const Text = (max: number) => Type.String({ maxLength: max });
const NullableText = (max: number) => Type.Union([Text(max), Type.Null()]);
const version = Type.Optional(Type.Integer({ minimum: 1 }));
const Outcome = literals(['verified', 'rejected'] as const);
const Severity = literals(['minor', 'serious'] as const);

export const ComplaintKind = literals(COMPLAINT_KINDS);

export const RegisterComplaintBody = Body({
  source: literals(['phone', 'letter', 'visit', 'email', 'colleague'] as const),
  customerId: Type.Optional(NullableId),
  complainantName: Type.Optional(NullableText(200)),
  complainantContact: Type.Optional(NullableText(200)),
  subjectStaffId: Type.Optional(NullableId),
  subjectDescription: Type.Optional(NullableText(500)),
  ticketId: Type.Optional(NullableId),
  ticketNumber: Type.Optional(NullableText(40)),
  kind: Type.Optional(ComplaintKind),
  summary: Text(200),
  description: Type.Optional(NullableText(10_000)),
  receivedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
});

export const ListComplaintsQuery = Type.Object({
  view: Type.Optional(literals(['all', 'about_me', 'filed_by_me', 'assigned_to_me'] as const)),
  status: Type.Optional(literals(COMPLAINT_STATUSES)),
  personId: Type.Optional(Id),
  ...PageQuery,
});

/** The body of each complaint action; the path segment names it. */
export const COMPLAINT_ACTION_BODIES: Record<string, { type: string; summary: string; body: TSchema }> = {
  assign: { type: 'assign', summary: 'Name the investigator; a received complaint goes under investigation (office)', body: Body({ version, investigatorId: Id }) },
  update: {
    type: 'update',
    summary: 'Record the investigation: the person concerned, the ticket, the kind, the findings (office or investigator)',
    body: Body({ version, subjectStaffId: Type.Optional(NullableId), ticketId: Type.Optional(NullableId), kind: Type.Optional(ComplaintKind), findings: Type.Optional(NullableText(10_000)) }),
  },
  evidence: {
    type: 'add_evidence',
    summary: 'Attach evidence: a ticket, a statement, a document reference or a link (office or investigator)',
    body: Body({ version, kind: literals(EVIDENCE_KINDS), description: Text(4000), ticketId: Type.Optional(NullableId), url: Type.Optional(NullableText(2000)) }),
  },
  respond: { type: 'respond', summary: 'The person concerned responds', body: Body({ version, text: Text(4000) }) },
  decide: {
    type: 'decide',
    summary: 'Verify or reject with a reason; a message for the complainant; the severity of a verified one (office)',
    body: Body({ version, outcome: Outcome, reason: Text(2000), severity: Type.Optional(Severity), customerMessage: Type.Optional(NullableText(2000)) }),
  },
  appeal: { type: 'appeal', summary: 'Appeal once: the person concerned against a verification, the complainant against a rejection', body: Body({ version, reason: Text(2000) }) },
  'decide-appeal': {
    type: 'decide_appeal',
    summary: 'Decide the appeal for good (office)',
    body: Body({ version, outcome: Outcome, reason: Text(2000), severity: Type.Optional(Severity), customerMessage: Type.Optional(NullableText(2000)) }),
  },
};

export const FlagDecisionBody = Body({ version, decision: literals(FLAG_DECISIONS), note: Text(4000) });
export const FlagListQuery = Type.Object({ status: Type.Optional(literals(['open', 'decided', 'withdrawn'] as const)) });
