import { Type } from 'typebox';
import { Body, NullableId } from '../common.ts';

// Shapes only: what the values mean (events, units, shares, levels) is checked by the domain, which
// names the field at fault in plain words.
const Id = Type.Integer({ minimum: 1, maximum: 9007199254740991 });
const Words = (max: number) => Type.String({ maxLength: max });

export const AppliesToSchema = Body({
  categoryIds: Type.Optional(Type.Array(Id, { maxItems: 200, description: 'Category subtree roots' })),
  priorities: Type.Optional(Type.Array(Words(40), { maxItems: 20 })),
  channels: Type.Optional(Type.Array(Words(40), { maxItems: 20 })),
  customerKinds: Type.Optional(Type.Array(Words(40), { maxItems: 10 })),
  customerSegments: Type.Optional(Type.Array(Words(60), { maxItems: 50, description: 'Customer segments (e.g. key_account)' })),
});

export const ResponsibleSchema = Body({
  kind: Type.String({ maxLength: 20, description: "'department', 'owner' or 'handler'" }),
  departmentId: Type.Optional(Id),
  /** Sent back as read; ignored. */
  departmentName: Type.Optional(Type.Union([Words(200), Type.Null()])),
});

const fields = {
  name: Words(300),
  appliesTo: Type.Optional(AppliesToSchema),
  startEvent: Type.String({ maxLength: 40, description: 'Timeline event that starts the clock, e.g. registered, handed_over, resolved' }),
  stopEvent: Type.String({ maxLength: 40, description: 'Timeline event that stops it, e.g. contact_logged, accepted, called_back' }),
  pauseOnWait: Type.Optional(Type.Boolean()),
  targetValue: Type.Integer({ minimum: 1 }),
  targetUnit: Type.String({ maxLength: 20, description: "'minutes', 'hours' or 'working_days'" }),
  calendarId: Id,
  warnShare: Type.Optional(Type.Number({ description: 'Warn when this share of the target is used, 0 < share < 1 (default 0.8)' })),
  responsible: ResponsibleSchema,
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

export const MoveCommitmentBody = Body({
  parentId: NullableId,
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
