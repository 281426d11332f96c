import { Type, type Static } from 'typebox';
import { NOTICE_KINDS } from '../domain/accountability/value-lists.ts';
import { Body, IsoDateTime, NullableId, NullableInteger, NullableIsoDateTime, NullableString, PageQuery, literals } from './common.ts';

/** The company-wide notice board: notices of criticism and commendation, read receipts, withdrawal. */

const NoticeKind = literals(NOTICE_KINDS);

export const ListNoticesQuery = Type.Object({ kind: Type.Optional(NoticeKind), unread: Type.Optional(Type.Boolean()), history: Type.Optional(Type.Boolean()), ...PageQuery });
export type ListNoticesQuery = Static<typeof ListNoticesQuery>;

export const PublishNoticeBody = Body({ kind: NoticeKind, title: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 10_000 }), personId: Type.Optional(NullableId), departmentId: Type.Optional(NullableId) });
export type PublishNoticeBody = Static<typeof PublishNoticeBody>;

export const WithdrawNoticeBody = Body({ reason: Type.String({ maxLength: 2000 }) });
export type WithdrawNoticeBody = Static<typeof WithdrawNoticeBody>;

export const NoticeView = Type.Object({
  id: Type.Integer(),
  kind: NoticeKind,
  title: Type.String(),
  body: Type.String(),
  personId: NullableInteger,
  personName: NullableString,
  departmentId: NullableInteger,
  departmentName: NullableString,
  deductionId: NullableInteger,
  publishedAt: IsoDateTime,
  publishedByName: NullableString,
  readAt: Type.Union([IsoDateTime, Type.Null()], { description: 'When I read it; null while unread' }),
  readCount: Type.Integer(),
  /** Set when withdrawn: it left the board and only the office still sees it, with who withdrew it and why. */
  withdrawnAt: NullableIsoDateTime,
  withdrawnByName: NullableString,
  withdrawnReason: NullableString,
});
export type NoticeView = Static<typeof NoticeView>;

/** A page of the board and how many notices in force I have not read. */
export const NoticeList = Type.Object({ items: Type.Array(NoticeView), nextCursor: NullableString, unread: Type.Integer() });
export type NoticeList = Static<typeof NoticeList>;

export const NoticeReceipt = Type.Object({ staffId: Type.Integer(), name: Type.String(), departmentName: NullableString, readAt: NullableIsoDateTime });

export const NoticeReceipts = Type.Object({ noticeId: Type.Integer(), readCount: Type.Integer(), staffCount: Type.Integer(), items: Type.Array(NoticeReceipt) });
export type NoticeReceipts = Static<typeof NoticeReceipts>;
