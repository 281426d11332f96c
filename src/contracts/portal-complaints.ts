import { Type, type Static } from 'typebox';
import { COMPLAINANT_STATUSES } from '../domain/accountability/value-lists.ts';
import { Body, IsoDateTime, NullableInteger, NullableIsoDateTime, NullableString, PageQuery, Page, literals } from './common.ts';
import { EventPayload } from './complaints.ts';

/** A complaint as the customer who made it follows it on the portal: progress and outcome, never the internal findings. */

export const FilePortalComplaintBody = Body({
  summary: Type.String({ maxLength: 200 }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
  ticketId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  /** Who it was, in the customer's words. */
  subjectDescription: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
});
export type FilePortalComplaintBody = Static<typeof FilePortalComplaintBody>;

export const PortalComplaintListQuery = Type.Object({ ...PageQuery });
export type PortalComplaintListQuery = Static<typeof PortalComplaintListQuery>;

export const AppealPortalComplaintBody = Body({ reason: Type.String({ maxLength: 2000 }), version: Type.Optional(Type.Integer({ minimum: 1 })) });
export type AppealPortalComplaintBody = Static<typeof AppealPortalComplaintBody>;

export const PortalComplaintEvent = Type.Object({ id: Type.Integer(), type: Type.String(), at: IsoDateTime, payload: EventPayload });

const portalComplaintFields = {
  id: Type.Integer(),
  status: literals(COMPLAINANT_STATUSES),
  summary: Type.String(),
  description: Type.String(),
  ticketId: NullableInteger,
  ticketNumber: NullableString,
  receivedAt: IsoDateTime,
  customerMessage: NullableString,
  appealedAt: NullableIsoDateTime,
  canAppeal: Type.Boolean(),
  version: Type.Integer(),
};

/** One complaint with its complainant-visible history. */
export const PortalComplaintView = Type.Object({ ...portalComplaintFields, events: Type.Array(PortalComplaintEvent) });
export type PortalComplaintView = Static<typeof PortalComplaintView>;

/** A complaint in the customer's list (without its history). */
export const PortalComplaintListItem = Type.Object(portalComplaintFields);
export type PortalComplaintListItem = Static<typeof PortalComplaintListItem>;

export const PortalComplaintList = Page(PortalComplaintListItem);
export type PortalComplaintList = Static<typeof PortalComplaintList>;
