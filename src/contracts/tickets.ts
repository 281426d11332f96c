import { Type, type Static, type TSchema } from 'typebox';
import { CUSTOMER_KINDS } from '../domain/customers/customer-fields.ts';
import {
  CONTACT_DIRECTIONS,
  ESCALATION_CAUSES,
  TICKET_ACTION_TYPES,
  TICKET_ACTOR_KINDS,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_SORTS,
  TICKET_STATUSES,
  TICKET_VIEWS,
  type CountedTicketView,
} from '../domain/tickets/index.ts';
import { Body, Id, IsoDateTime, literals, NullableInteger, NullableIsoDateTime, NullableString, Page, PageQuery } from './common.ts';

export const TicketStatus = literals(TICKET_STATUSES);
export const TicketChannel = literals(TICKET_CHANNELS);
export const TicketPriority = literals(TICKET_PRIORITIES);
export const TicketActionType = literals(TICKET_ACTION_TYPES);

const Text = (max: number) => Type.String({ maxLength: max });
/** Ids in bodies: positive integers (queries also cap them within bigint, so a huge one is a 400 on its field). */
const BodyId = Type.Integer({ minimum: 1 });
const NullableBodyId = Type.Union([BodyId, Type.Null()]);
/** Every action may carry the version the person saw; a different current version answers 409. */
const version = Type.Optional(Type.Integer({ minimum: 1, description: 'The version the person saw: another current version answers 409' }));

/** Any create may carry one: a retry with the same key answers the first result (200) instead of creating again. */
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });
export type IdempotencyHeaders = Static<typeof IdempotencyHeaders>;

/** Answers to the callback survey's questions: question key → 1–5, a grade, true/false or text (checked against the survey). */
export const SurveyAnswers = Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), {
  maxProperties: 50,
  description: "The survey's question key → its answer: 1–5 (scale), 'A'…'D' (grade), true/false (yes_no) or text; every question is optional",
});
export type SurveyAnswers = Static<typeof SurveyAnswers>;

export const RegisterTicketBody = Body({
  channel: TicketChannel,
  subject: Text(200),
  description: Type.Optional(Text(10_000)),
  categoryId: Type.Optional(NullableBodyId),
  priority: Type.Optional(TicketPriority),
  customerId: Type.Optional(NullableBodyId),
  newCustomer: Type.Optional(Type.Union([
    Body({
      kind: Type.Optional(literals(CUSTOMER_KINDS)),
      name: Text(200),
      organisation: Type.Optional(Type.Union([Text(200), Type.Null()])),
      phones: Type.Optional(Type.Array(Text(50), { maxItems: 10 })),
      emails: Type.Optional(Type.Array(Text(254), { maxItems: 10 })),
      departmentId: Type.Optional(NullableBodyId),
    }),
    Type.Null(),
  ])),
  customerContact: Type.Optional(Type.Union([Text(200), Type.Null()])),
});
export type RegisterTicketBody = Static<typeof RegisterTicketBody>;

/** The body of each staff action; the action name is the last path segment. */
export const TICKET_ACTION_BODIES = {
  'pick-up': { summary: 'Pick a portal request up from the intake queue and become its owner', body: Body({ version }) },
  take: { summary: 'The owner handles it himself', body: Body({ version }) },
  'hand-over': {
    summary: 'Hand over to a department (its head assigns) or straight to a handler there',
    body: Body({ version, departmentId: BodyId, handlerId: Type.Optional(NullableBodyId), needsSeveralPeople: Type.Optional(Type.Boolean()), note: Type.Optional(Text(2000)) }),
  },
  assign: { summary: 'The department head names the handler', body: Body({ version, handlerId: BodyId, note: Type.Optional(Text(2000)) }) },
  accept: { summary: 'The handler accepts', body: Body({ version }) },
  decline: { summary: 'The handler declines with a reason; it returns to the owner', body: Body({ version, reason: Text(2000) }) },
  contact: {
    summary: 'Log a contact with the customer',
    body: Body({ version, channel: TicketChannel, summary: Text(2000), direction: Type.Optional(literals(CONTACT_DIRECTIONS)) }),
  },
  note: { summary: 'An internal note (never shown to the customer)', body: Body({ version, text: Text(2000) }) },
  reply: { summary: 'A reply to the customer, shown on the portal', body: Body({ version, text: Text(10_000) }) },
  wait: { summary: 'Wait on the customer (clocks pause)', body: Body({ version, reason: Text(2000) }) },
  resume: { summary: 'Stop waiting on the customer', body: Body({ version }) },
  escalate: { summary: "Escalate to the owner's superior", body: Body({ version, reason: Text(2000), cause: Type.Optional(literals(ESCALATION_CAUSES)) }) },
  instruct: { summary: 'The superior instructs, optionally naming the handler', body: Body({ version, instruction: Text(2000), handlerId: Type.Optional(NullableBodyId) }) },
  refuse: { summary: 'Refuse: it breaks company rules (the reason is shown to the customer)', body: Body({ version, reason: Text(2000) }) },
  'approve-exception': { summary: "A senior manager's recorded exception to a refusal", body: Body({ version, reason: Text(2000) }) },
  resolve: { summary: 'Record the result', body: Body({ version, result: Text(10_000) }) },
  callback: {
    summary: "The owner records the customer's satisfaction after calling back, with the callback survey's answers (GET /api/tickets/{id}/surveys)",
    body: Body({ version, satisfaction: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Text(2000)), channel: TicketChannel, answers: Type.Optional(SurveyAnswers) }),
  },
  close: { summary: 'Close', body: Body({ version, reason: Type.Optional(Text(2000)) }) },
  reopen: { summary: 'Reopen with a reason', body: Body({ version, reason: Text(2000) }) },
  'transfer-ownership': { summary: 'Admin: move ownership (the owner has left), with a reason', body: Body({ version, newOwnerId: BodyId, reason: Text(2000) }) },
} as const satisfies Partial<Record<(typeof TICKET_ACTION_TYPES)[number], { summary: string; body: TSchema }>>;
export type StaffTicketActionType = keyof typeof TICKET_ACTION_BODIES;

export const TicketListQuery = Type.Object({
  view: Type.Optional(literals(TICKET_VIEWS)),
  status: Type.Optional(Type.Array(TicketStatus, { maxItems: 10 })),
  categoryId: Type.Optional(Id),
  priority: Type.Optional(TicketPriority),
  channel: Type.Optional(TicketChannel),
  customerId: Type.Optional(Id),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(literals(TICKET_SORTS)),
  ...PageQuery,
});
export type TicketListQuery = Static<typeof TicketListQuery>;

/** A ticket as staff see it. */
export const TicketView = Type.Object({
  id: Type.Integer(),
  number: Type.String({ description: 'e.g. 2026-000123: the year of registration and a sequence' }),
  status: TicketStatus,
  channel: TicketChannel,
  categoryId: NullableInteger,
  categoryName: NullableString,
  priority: TicketPriority,
  subject: Type.String(),
  description: Type.String(),
  customerId: NullableInteger,
  customerName: NullableString,
  customerOrganisation: NullableString,
  customerContact: NullableString,
  ownerId: NullableInteger,
  ownerName: NullableString,
  handlerId: NullableInteger,
  handlerName: NullableString,
  handlerDepartmentId: NullableInteger,
  handlerDepartmentName: NullableString,
  escalatedToId: NullableInteger,
  registeredAt: IsoDateTime,
  handedOverAt: NullableIsoDateTime,
  acceptedAt: NullableIsoDateTime,
  resolvedAt: NullableIsoDateTime,
  closedAt: NullableIsoDateTime,
  result: NullableString,
  satisfaction: NullableInteger,
  refusalReason: NullableString,
  reopenCount: Type.Integer(),
  version: Type.Integer(),
  actions: Type.Optional(Type.Array(TicketActionType, { description: 'What the viewer may do now (on one ticket; queues leave it out)' })),
});
export type TicketView = Static<typeof TicketView>;

/** A queue row: the ticket, the earliest due time of its open clocks, and whether a clock has breached and not stopped. */
export const TicketListItem = Type.Object({ ...TicketView.properties, dueAt: NullableIsoDateTime, overdue: Type.Boolean() });
export type TicketListItem = Static<typeof TicketListItem>;

export const TicketPage = Page(TicketListItem);
export type TicketPage = Static<typeof TicketPage>;

const COUNTED_VIEWS = TICKET_VIEWS.filter((v): v is CountedTicketView => v !== 'all');
/** How many tickets each personal view holds. */
export const TicketCounts = Type.Record(literals(COUNTED_VIEWS as readonly CountedTicketView[]), Type.Integer({ minimum: 0 }));
export type TicketCounts = Static<typeof TicketCounts>;

/** What a timeline entry says: flat facts (names, ids, texts), never nested objects. */
export const TimelinePayload = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]));
export type TimelinePayload = Static<typeof TimelinePayload>;

/** One line of a ticket's timeline, as staff see it. */
export const TimelineEntry = Type.Object({
  id: Type.Integer(),
  type: Type.String({ description: 'A ticket event type (registered, replied, …) or a clock event (warning, breach, …)' }),
  action: Type.Union([TicketActionType, Type.Null()], { description: 'The action that produced it; null for registration and clock events' }),
  actorKind: literals(TICKET_ACTOR_KINDS),
  actorId: NullableInteger,
  actorName: NullableString,
  at: IsoDateTime,
  payload: TimelinePayload,
  visibleToCustomer: Type.Boolean(),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const Timeline = Type.Object({ items: Type.Array(TimelineEntry) });
export type Timeline = Static<typeof Timeline>;
