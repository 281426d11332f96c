import { Type, type Static } from 'typebox';
import { CLOCK_EVENTS } from '../domain/commitments/can-event-follow.ts';
import { COMMITMENT_STAGE_KINDS, COMMITMENT_TARGET_UNITS } from '../domain/commitments/commitment-spec.ts';
import { Body, Id, IsoDateTime, literals, NullableId, NullableInteger, NullableString } from './common.ts';

// Requests are shapes only: what the values mean (events, units, shares, levels) is checked by the
// domain, which names the field at fault in plain words.
const Words = (max: number) => Type.String({ maxLength: max });

export const AppliesToInput = Body({
  categoryIds: Type.Optional(Type.Array(Id, { maxItems: 200, description: 'Category subtree roots' })),
  priorities: Type.Optional(Type.Array(Words(40), { maxItems: 20 })),
  channels: Type.Optional(Type.Array(Words(40), { maxItems: 20 })),
  customerKinds: Type.Optional(Type.Array(Words(40), { maxItems: 10 })),
  customerSegments: Type.Optional(Type.Array(Words(60), { maxItems: 50, description: 'Customer segments (e.g. key_account)' })),
});
export type AppliesToInput = Static<typeof AppliesToInput>;

export const ResponsibleInput = Body({
  kind: Type.String({ maxLength: 20, description: "'department', 'owner' or 'handler'" }),
  departmentId: Type.Optional(Id),
  /** Sent back as read; ignored. */
  departmentName: Type.Optional(Type.Union([Words(200), Type.Null()])),
});
export type ResponsibleInput = Static<typeof ResponsibleInput>;

const fields = {
  name: Words(300),
  appliesTo: Type.Optional(AppliesToInput),
  startEvent: Type.String({ maxLength: 40, description: 'Timeline event that starts the clock, e.g. registered, handed_over, resolved' }),
  stopEvent: Type.String({ maxLength: 40, description: 'Timeline event that stops it, e.g. contact_logged, accepted, called_back' }),
  pauseOnWait: Type.Optional(Type.Boolean()),
  targetValue: Type.Integer({ minimum: 1 }),
  targetUnit: Type.String({ maxLength: 20, description: "'minutes', 'hours' or 'working_days'" }),
  calendarId: Id,
  warnShare: Type.Optional(Type.Number({ description: 'Warn when this share of the target is used, 0 < share < 1 (default 0.8)' })),
  responsible: ResponsibleInput,
  stageKind: Type.Optional(Type.String({ maxLength: 20, description: 'handover, first_contact, resolution, callback or other' })),
  escalateAfterMinutes: Type.Optional(Type.Array(Type.Integer(), { maxItems: 20, description: 'Business minutes after the breach at which each next superior up is told' })),
  level: Type.Optional(Type.Integer({ description: 'Follows from the parent; refused when it does not match' })),
};

export const CreateCommitmentBody = Body({
  ...fields,
  parentId: Type.Optional(NullableId),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'Place among its siblings (stages run in this order); default last' })),
  active: Type.Optional(Type.Boolean()),
});
export type CreateCommitmentBody = Static<typeof CreateCommitmentBody>;

export const UpdateCommitmentBody = Body({
  name: Type.Optional(fields.name),
  appliesTo: fields.appliesTo,
  startEvent: Type.Optional(fields.startEvent),
  stopEvent: Type.Optional(fields.stopEvent),
  pauseOnWait: fields.pauseOnWait,
  targetValue: Type.Optional(fields.targetValue),
  targetUnit: Type.Optional(fields.targetUnit),
  calendarId: Type.Optional(fields.calendarId),
  warnShare: fields.warnShare,
  responsible: Type.Optional(fields.responsible),
  stageKind: fields.stageKind,
  escalateAfterMinutes: fields.escalateAfterMinutes,
  level: fields.level,
  active: Type.Optional(Type.Boolean({ description: 'false deactivates it and its stages; true brings back only itself' })),
});
export type UpdateCommitmentBody = Static<typeof UpdateCommitmentBody>;

export const MoveCommitmentBody = Body({
  parentId: NullableId,
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
export type MoveCommitmentBody = Static<typeof MoveCommitmentBody>;

/** Which tickets a commitment applies to; an absent or empty list matches every ticket. */
export const AppliesToView = Type.Object({
  categoryIds: Type.Optional(Type.Array(Type.Integer(), { description: 'Roots of category subtrees' })),
  priorities: Type.Optional(Type.Array(Type.String())),
  channels: Type.Optional(Type.Array(Type.String())),
  customerKinds: Type.Optional(Type.Array(Type.String())),
  customerSegments: Type.Optional(Type.Array(Type.String(), { description: 'A customer without a segment matches none' })),
});
export type AppliesToView = Static<typeof AppliesToView>;

/** Who answers for the clock: a department (with its name as read), or whoever owns / handles the ticket. */
export const ResponsibleView = Type.Union([
  Type.Object({ kind: Type.Literal('department'), departmentId: Type.Integer(), departmentName: Type.Optional(NullableString) }),
  Type.Object({ kind: Type.Literal('owner') }),
  Type.Object({ kind: Type.Literal('handler') }),
]);
export type ResponsibleView = Static<typeof ResponsibleView>;

/** What one version promises. */
const versionFields = {
  name: Type.String(),
  level: Type.Integer(),
  appliesTo: AppliesToView,
  startEvent: literals(CLOCK_EVENTS),
  stopEvent: literals(CLOCK_EVENTS),
  pauseOnWait: Type.Boolean(),
  targetValue: Type.Integer(),
  targetUnit: literals(COMMITMENT_TARGET_UNITS),
  targetMinutes: Type.Integer({ description: 'The target in business minutes on its calendar' }),
  calendarId: Type.Integer(),
  calendarName: NullableString,
  warnShare: Type.Number(),
  responsible: ResponsibleView,
  stageKind: literals(COMMITMENT_STAGE_KINDS),
  escalateAfterMinutes: Type.Array(Type.Integer()),
};

/** A commitment with what its current version promises. */
export const CommitmentView = Type.Object({
  id: Type.Integer(),
  parentId: NullableInteger,
  position: Type.Integer({ description: 'Order among its siblings: stages run in this order' }),
  active: Type.Boolean(),
  currentVersion: Type.Integer(),
  ...versionFields,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CommitmentView = Static<typeof CommitmentView>;

export const CommitmentList = Type.Object({ items: Type.Array(CommitmentView) });
export type CommitmentList = Static<typeof CommitmentList>;

export const CommitmentVersionView = Type.Object({
  version: Type.Integer(),
  ...versionFields,
  createdAt: IsoDateTime,
  createdBy: NullableInteger,
  createdByName: NullableString,
});
export type CommitmentVersionView = Static<typeof CommitmentVersionView>;

export const CommitmentDetail = Type.Object({
  ...CommitmentView.properties,
  versions: Type.Array(CommitmentVersionView, { description: 'Every version, newest first' }),
});
export type CommitmentDetail = Static<typeof CommitmentDetail>;
