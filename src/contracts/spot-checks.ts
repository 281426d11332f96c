import { Type, type Static } from 'typebox';
import { Body, Id, IsoDateTime, NullableInteger, NullableIsoDateTime, NullableNumber, NullableString } from './common.ts';

/** Spot checks: a reproducible random sample of a period's closed tickets, each audited against a checklist. */

const NullableBoolean = Type.Union([Type.Boolean(), Type.Null()]);

export const ListSpotChecksQuery = Type.Object({ period: Type.Optional(Type.String({ maxLength: 20 })) });
export type ListSpotChecksQuery = Static<typeof ListSpotChecksQuery>;

export const DrawSpotCheckBody = Body({
  period: Type.String({ maxLength: 20 }),
  /** Recorded so anyone can draw the same sample again; a random one when not given. */
  seed: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  // No null here: the API coerces 0 to null, which would hide a zero share or count behind "give one of them".
  share: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  stratifyByDepartment: Type.Optional(Type.Boolean()),
});
export type DrawSpotCheckBody = Static<typeof DrawSpotCheckBody>;

export const SpotCheckItemParams = Type.Object({ id: Id, ticketId: Id });

export const AuditSpotCheckItemBody = Body({
  ownershipKept: Type.Boolean(),
  resultTold: Type.Boolean(),
  callbackMade: Type.Boolean(),
  mannerOk: Type.Boolean(),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
});
export type AuditSpotCheckItemBody = Static<typeof AuditSpotCheckItemBody>;

export const SpotCheckItemView = Type.Object({
  ticketId: Type.Integer(),
  ticketNumber: Type.String(),
  subject: Type.String(),
  closedAt: NullableIsoDateTime,
  departmentId: NullableInteger,
  departmentName: NullableString,
  ownerId: NullableInteger,
  ownerName: NullableString,
  handlerId: NullableInteger,
  handlerName: NullableString,
  ownershipKept: NullableBoolean,
  resultTold: NullableBoolean,
  callbackMade: NullableBoolean,
  mannerOk: NullableBoolean,
  passed: Type.Union([Type.Boolean(), Type.Null()], { description: 'Null until audited; true only when every check holds' }),
  note: NullableString,
  auditedAt: NullableIsoDateTime,
  auditedByName: NullableString,
});
export type SpotCheckItemView = Static<typeof SpotCheckItemView>;

export const SpotCheckStratum = Type.Object({ departmentId: NullableInteger, departmentName: NullableString, population: Type.Integer(), sampled: Type.Integer() });

const spotCheckFields = {
  id: Type.Integer(),
  period: Type.String(),
  seed: Type.String(),
  share: NullableNumber,
  count: NullableInteger,
  stratify: Type.Boolean(),
  population: Type.Integer(),
  strata: Type.Array(SpotCheckStratum),
  drawnAt: IsoDateTime,
  drawnByName: NullableString,
  audited: Type.Integer(),
  passed: Type.Integer(),
};

/** A spot check in the list, without its items. */
export const SpotCheckSummary = Type.Object(spotCheckFields);
export type SpotCheckSummary = Static<typeof SpotCheckSummary>;

export const SpotCheckView = Type.Object({ ...spotCheckFields, items: Type.Array(SpotCheckItemView) });
export type SpotCheckView = Static<typeof SpotCheckView>;

export const SpotCheckList = Type.Object({ items: Type.Array(SpotCheckSummary) });
export type SpotCheckList = Static<typeof SpotCheckList>;
