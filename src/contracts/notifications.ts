import { Type, type Static } from 'typebox';
import { Body, IsoDateTime, NullableInteger, NullableIsoDateTime, NullableString, PageQuery } from './common.ts';

export const NotificationListQuery = Type.Object({ unread: Type.Optional(Type.Boolean()), ...PageQuery });
export type NotificationListQuery = Static<typeof NotificationListQuery>;

/** An in-app notification; `kind` says what happened (a ticket notification kind, a clock event, a complaint flag …). */
export const NotificationView = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  ticketId: NullableInteger,
  ticketNumber: NullableString,
  ticketSubject: NullableString,
  createdAt: IsoDateTime,
  readAt: NullableIsoDateTime,
});
export type NotificationView = Static<typeof NotificationView>;

/** A keyset page of my notifications, with how many of all of them are unread. */
export const NotificationPage = Type.Object({ items: Type.Array(NotificationView), nextCursor: NullableString, unread: Type.Integer({ minimum: 0 }) });
export type NotificationPage = Static<typeof NotificationPage>;

export const MarkNotificationsReadBody = Body({ ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500, description: 'Omitted: all of mine' })) });
export type MarkNotificationsReadBody = Static<typeof MarkNotificationsReadBody>;

export const MarkedNotificationsRead = Type.Object({ updated: Type.Integer({ minimum: 0, description: 'How many were unread and are read now' }) });
export type MarkedNotificationsRead = Static<typeof MarkedNotificationsRead>;
