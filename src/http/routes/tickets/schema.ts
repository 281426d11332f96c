import { Type, type TSchema } from 'typebox';
import { TICKET_CHANNELS, TICKET_STATUSES } from '../../../domain/tickets/index.ts';
import { TICKET_SORTS, TICKET_VIEWS } from '../../../services/tickets/list-tickets.ts';
import { PRIORITIES } from '../../../services/tickets/register-ticket.ts';
import { Body, PageQuery } from '../common.ts';
import { SurveyAnswers } from '../portal/schema.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
export const Channel = literals(TICKET_CHANNELS);
const Id = Type.Integer({ minimum: 1 });
const Text = (max: number) => Type.String({ maxLength: max });
/** Every action may carry the version the person saw; a different current version answers 409. */
const version = Type.Optional(Type.Integer({ minimum: 1 }));

export const RegisterBody = Body({
  channel: Channel,
  subject: Text(200),
  description: Type.Optional(Text(10_000)),
  categoryId: Type.Optional(Type.Union([Id, Type.Null()])),
  priority: Type.Optional(literals(PRIORITIES)),
  customerId: Type.Optional(Type.Union([Id, Type.Null()])),
  newCustomer: Type.Optional(Type.Union([
    Body({
      kind: Type.Optional(literals(['person', 'organisation', 'internal'] as const)),
      name: Text(200),
      organisation: Type.Optional(Type.Union([Text(200), Type.Null()])),
      phones: Type.Optional(Type.Array(Text(50), { maxItems: 10 })),
      emails: Type.Optional(Type.Array(Text(254), { maxItems: 10 })),
      departmentId: Type.Optional(Type.Union([Id, Type.Null()])),
    }),
    Type.Null(),
  ])),
  customerContact: Type.Optional(Type.Union([Text(200), Type.Null()])),
});

/** The body of each action; the action name is the last path segment. */
export const ACTION_BODIES: Record<string, { summary: string; body: TSchema }> = {
  'pick-up': { summary: 'Pick a portal request up from the intake queue and become its owner', body: Body({ version }) },
  take: { summary: 'The owner handles it himself', body: Body({ version }) },
  'hand-over': {
    summary: 'Hand over to a department (its head assigns) or straight to a handler there',
    body: Body({ version, departmentId: Id, handlerId: Type.Optional(Type.Union([Id, Type.Null()])), needsSeveralPeople: Type.Optional(Type.Boolean()), note: Type.Optional(Text(2000)) }),
  },
  assign: { summary: 'The department head names the handler', body: Body({ version, handlerId: Id, note: Type.Optional(Text(2000)) }) },
  accept: { summary: 'The handler accepts', body: Body({ version }) },
  decline: { summary: 'The handler declines with a reason; it returns to the owner', body: Body({ version, reason: Text(2000) }) },
  contact: {
    summary: 'Log a contact with the customer',
    body: Body({ version, channel: Channel, summary: Text(2000), direction: Type.Optional(literals(['outbound', 'inbound'] as const)) }),
  },
  note: { summary: 'An internal note (never shown to the customer)', body: Body({ version, text: Text(2000) }) },
  reply: { summary: 'A reply to the customer, shown on the portal', body: Body({ version, text: Text(10_000) }) },
  wait: { summary: 'Wait on the customer (clocks pause)', body: Body({ version, reason: Text(2000) }) },
  resume: { summary: 'Stop waiting on the customer', body: Body({ version }) },
  escalate: {
    summary: "Escalate to the owner's superior",
    body: Body({ version, reason: Text(2000), cause: Type.Optional(literals(['handler_unreachable', 'responsibility_unclear', 'other'] as const)) }),
  },
  instruct: { summary: 'The superior instructs, optionally naming the handler', body: Body({ version, instruction: Text(2000), handlerId: Type.Optional(Type.Union([Id, Type.Null()])) }) },
  refuse: { summary: 'Refuse: it breaks company rules (the reason is shown to the customer)', body: Body({ version, reason: Text(2000) }) },
  'approve-exception': { summary: "A senior manager's recorded exception to a refusal", body: Body({ version, reason: Text(2000) }) },
  resolve: { summary: 'Record the result', body: Body({ version, result: Text(10_000) }) },
  callback: {
    summary: "The owner records the customer's satisfaction after calling back, with the callback survey's answers (GET /api/tickets/{id}/surveys)",
    body: Body({ version, satisfaction: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Text(2000)), channel: Channel, answers: Type.Optional(SurveyAnswers) }),
  },
  close: { summary: 'Close', body: Body({ version, reason: Type.Optional(Text(2000)) }) },
  reopen: { summary: 'Reopen with a reason', body: Body({ version, reason: Text(2000) }) },
  'transfer-ownership': { summary: 'Admin: move ownership (the owner has left), with a reason', body: Body({ version, newOwnerId: Id, reason: Text(2000) }) },
};

/** Ids in a query string stay within bigint, so a huge one is a 400 on its field rather than a database error. */
const QueryId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const ListQuery = Type.Object({
  view: Type.Optional(literals(TICKET_VIEWS)),
  status: Type.Optional(Type.Array(literals(TICKET_STATUSES), { maxItems: 10 })),
  categoryId: Type.Optional(QueryId),
  priority: Type.Optional(literals(PRIORITIES)),
  channel: Type.Optional(Channel),
  customerId: Type.Optional(QueryId),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(literals(TICKET_SORTS)),
  ...PageQuery,
});
