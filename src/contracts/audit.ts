import { Type, type Static } from 'typebox';
import { ACTOR_KINDS } from '../domain/shared/actor-kinds.ts';
import { IsoDateTime, literals, NullableString, Page, PageQuery } from './common.ts';

/** The changed fields of a record before or after the change: free-form, as each entity has its own. */
const ChangedFields = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

export const AuditRecord = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  actorKind: literals(ACTOR_KINDS),
  actorId: Type.Union([Type.Integer(), Type.Null()], { description: 'A staff id or a customer id, told apart by actorKind; null for the system' }),
  actorName: NullableString,
  action: Type.String(),
  entity: Type.String(),
  entityId: NullableString,
  before: ChangedFields,
  after: ChangedFields,
  requestId: NullableString,
  clientIp: NullableString,
});
export type AuditRecord = Static<typeof AuditRecord>;

export const AuditPage = Page(AuditRecord);
export type AuditPage = Static<typeof AuditPage>;

export const ListAuditQuery = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 50 })),
  entityId: Type.Optional(Type.String({ maxLength: 50 })),
  actorId: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'A date or time, e.g. 2026-01-31 or 2026-01-31T08:00:00Z' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'A date or time (exclusive)' })),
  ...PageQuery,
});
export type ListAuditQuery = Static<typeof ListAuditQuery>;
