import { Type, type Static } from 'typebox';
import { CLOCK_STATES } from '../domain/commitments/derive-ticket-clocks.ts';
import { BREACH_ATTRIBUTION_KINDS } from '../domain/commitments/plan-escalation.ts';
import { IsoDateTime, literals, NullableInteger, NullableIsoDateTime, NullableString } from './common.ts';

/** What a stage used of its budget and who answered for it: the same on the ticket's clocks and in the compliance report. */
export const StageChargeFields = {
  budgetMinutes: NullableInteger,
  usedMinutes: NullableInteger,
  overrunMinutes: NullableInteger,
  departmentId: NullableInteger,
  departmentName: NullableString,
  staffId: NullableInteger,
  staffName: NullableString,
};

/** Who a level-1 breach is put down to: a stage that overran its budget, or the parent's own slack. */
export const ClockAttributionView = Type.Object({
  kind: literals(BREACH_ATTRIBUTION_KINDS),
  stageClockId: NullableInteger,
  stageCommitmentId: NullableInteger,
  stageName: NullableString,
  ...StageChargeFields,
});
export type ClockAttributionView = Static<typeof ClockAttributionView>;

/** One clock on a ticket, as GET /api/tickets/:id/clocks shows it. */
export const ClockView = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  commitmentId: Type.Integer(),
  commitmentName: Type.String({ description: 'Name of the version the clock runs on' }),
  level: Type.Integer(),
  version: Type.Integer(),
  state: literals(CLOCK_STATES),
  warned: Type.Boolean(),
  startedAt: IsoDateTime,
  warnAt: NullableIsoDateTime,
  dueAt: NullableIsoDateTime,
  breachedAt: NullableIsoDateTime,
  stoppedAt: NullableIsoDateTime,
  pausedAt: NullableIsoDateTime,
  elapsedMinutes: Type.Integer({ description: 'Business minutes used: when stopped, as recorded; otherwise as of the answer' }),
  targetMinutes: Type.Integer(),
  lateMinutes: NullableInteger,
  calendarId: Type.Integer(),
  responsibleDepartmentId: NullableInteger,
  responsibleDepartmentName: NullableString,
  responsibleStaffId: NullableInteger,
  responsibleStaffName: NullableString,
  parentClockId: Type.Union([Type.Integer(), Type.Null()], { description: 'The clock this stage clock runs under; null for level 1' }),
  escalationStep: Type.Integer(),
  attributions: Type.Array(ClockAttributionView),
});
export type ClockView = Static<typeof ClockView>;

export const ClockList = Type.Object({ items: Type.Array(ClockView) });
export type ClockList = Static<typeof ClockList>;
