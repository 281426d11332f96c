import { Type, type Static } from 'typebox';
import { CUSTOMER_TICKET_STATUSES, TICKET_ACTION_TYPES, TICKET_ACTOR_KINDS, TICKET_CHANNELS, type PortalActionType } from '../domain/tickets/index.ts';
import { Body, IsoDateTime, literals, NullableInteger, NullableIsoDateTime, NullableString, Page, PageQuery } from './common.ts';
import { SurveyAnswers, TimelinePayload } from './tickets.ts';

const Text = (max: number) => Type.String({ maxLength: max });
/** Every action may carry the version the customer saw; a different current version answers 409. */
const version = Type.Optional(Type.Integer({ minimum: 1, description: 'The version the customer saw: another current version answers 409' }));
export const Satisfaction = Type.Integer({ minimum: 1, maximum: 5, description: '1 very dissatisfied … 5 very satisfied' });

export const CustomerTicketStatus = literals(CUSTOMER_TICKET_STATUSES);

export const SignUpBody = Body({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  // Length rules (8–200) are checked by the service, so the message says what to do.
  password: Type.String({ maxLength: 200 }),
  name: Text(200),
  phone: Type.Optional(Type.Union([Text(50), Type.Null()])),
});
export type SignUpBody = Static<typeof SignUpBody>;

/** The same words whether the email was free or taken. */
export const SignUpAnswer = Type.Object({ message: Type.String() });
export type SignUpAnswer = Static<typeof SignUpAnswer>;

export const SignInBody = Body({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export type SignInBody = Static<typeof SignInBody>;

/** A customer signed in on the portal, as the portal shows them to themselves. */
export const PortalCustomer = Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String(), phone: NullableString });
export type PortalCustomer = Static<typeof PortalCustomer>;

export const PortalSession = Type.Object({
  customer: PortalCustomer,
  csrfToken: Type.String({ description: 'Send it as the x-csrf-token header with every change' }),
  expiresAt: IsoDateTime,
});
export type PortalSession = Static<typeof PortalSession>;

/** A kind of matter a request can be filed under (the duty catalog's names, not its departments). */
export const PortalCategory = Type.Object({ id: Type.Integer(), parentId: NullableInteger, name: Type.String(), description: NullableString });
export type PortalCategory = Static<typeof PortalCategory>;

export const PortalCategoryList = Type.Object({ items: Type.Array(PortalCategory) });
export type PortalCategoryList = Static<typeof PortalCategoryList>;

export const SubmitPortalTicketBody = Body({
  subject: Text(200),
  description: Type.Optional(Text(10_000)),
  categoryId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
});
export type SubmitPortalTicketBody = Static<typeof SubmitPortalTicketBody>;

export const PortalTicketListQuery = Type.Object({ ...PageQuery });
export type PortalTicketListQuery = Static<typeof PortalTicketListQuery>;

/**
 * A ticket as its customer sees it on the portal: the matter, where it stands, who is accountable
 * for it and the result. Routing, handlers, departments and internal notes stay inside.
 */
export const PortalTicketView = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  status: CustomerTicketStatus,
  channel: literals(TICKET_CHANNELS),
  subject: Type.String(),
  description: Type.String(),
  categoryId: NullableInteger,
  categoryName: NullableString,
  ownerName: Type.Union([Type.String(), Type.Null()], { description: 'The one named person accountable for it (首问责任人); null until someone picks it up' }),
  submittedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  resolvedAt: NullableIsoDateTime,
  result: NullableString,
  refusalReason: NullableString,
  confirmedAt: NullableIsoDateTime,
  closedAt: NullableIsoDateTime,
  satisfaction: Type.Union([Type.Integer(), Type.Null()], { description: "1–5, from the owner's callback or the customer's own rating" }),
  reopenCount: Type.Integer(),
  version: Type.Integer({ description: 'Send it back with a change to refuse it when someone else changed the ticket meanwhile' }),
  actions: Type.Array(literals(TICKET_ACTION_TYPES), { description: 'What the customer may do now: reply, confirm, rate, reopen' }),
});
export type PortalTicketView = Static<typeof PortalTicketView>;

export const PortalTicketPage = Page(PortalTicketView);
export type PortalTicketPage = Static<typeof PortalTicketPage>;

/** A customer-visible line of the timeline, with only its customer-facing fields. */
export const PortalTimelineEntry = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  at: IsoDateTime,
  actorKind: literals(TICKET_ACTOR_KINDS),
  actorName: Type.Union([Type.String(), Type.Null()], { description: 'The staff member who replied (customers learn who works on their matter), or the customer' }),
  payload: TimelinePayload,
});
export type PortalTimelineEntry = Static<typeof PortalTimelineEntry>;

export const PortalTimeline = Type.Object({ items: Type.Array(PortalTimelineEntry) });
export type PortalTimeline = Static<typeof PortalTimeline>;

export const PortalRatingBody = Body({ version, satisfaction: Satisfaction, comment: Type.Optional(Text(2000)), answers: Type.Optional(SurveyAnswers) });
export type PortalRatingBody = Static<typeof PortalRatingBody>;

/** What a customer may do to their ticket; the action name is the last path segment. */
export const PORTAL_ACTION_BODIES = {
  reply: { summary: 'Write to the people working on my request', body: Body({ version, text: Text(10_000) }) },
  confirm: { summary: 'Confirm the result', body: Body({ version, comment: Type.Optional(Text(2000)) }) },
  reopen: { summary: 'Reopen: the matter is not settled (within 14 days of the result or closing)', body: Body({ version, reason: Text(2000) }) },
} as const satisfies Record<PortalActionType, unknown>;
