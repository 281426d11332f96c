import { Type, type Static } from 'typebox';
import { DEDUCTION_DECISIONS, DEDUCTION_KINDS, DEDUCTION_SEVERITIES, DEDUCTION_STATUSES, SKIP_REASONS } from '../domain/accountability/value-lists.ts';
import { Body, Id, IsoDateTime, NullableInteger, NullableIsoDateTime, NullableString, PageQuery, Page, literals } from './common.ts';

/** The deduction ledger and the rules that propose its entries. */

/** A month (2026-05) or a quarter (2026-Q2); the service checks the form and names the field. */
export const PeriodKey = Type.String({ maxLength: 20 });

// ---- requests ----

export const ListDeductionsQuery = Type.Object({
  status: Type.Optional(literals(DEDUCTION_STATUSES)),
  personId: Type.Optional(Type.Integer({ minimum: 1 })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
  period: Type.Optional(PeriodKey),
  ...PageQuery,
});
export type ListDeductionsQuery = Static<typeof ListDeductionsQuery>;

export const ScanDeductionsBody = Body({ period: PeriodKey });
export type ScanDeductionsBody = Static<typeof ScanDeductionsBody>;

export const DecideDeductionBody = Body({
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  decision: literals(DEDUCTION_DECISIONS),
  reason: Type.String({ maxLength: 2000 }),
  /** Confirm as another severity than proposed (the office's judgement); the rule for it sets the points. */
  severity: Type.Optional(literals(DEDUCTION_SEVERITIES)),
  /** The notice of criticism, required when the confirmed rule carries one. */
  notice: Type.Optional(Body({ title: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 10_000 }) })),
});
export type DecideDeductionBody = Static<typeof DecideDeductionBody>;

export const DeductionRuleParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
export type DeductionRuleParams = Static<typeof DeductionRuleParams>;

export const UpdateDeductionRuleBody = Body({
  points: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  notice: Type.Optional(Type.Boolean()),
  enabled: Type.Optional(Type.Boolean()),
  passingTheBuckThreshold: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()])),
});
export type UpdateDeductionRuleBody = Static<typeof UpdateDeductionRuleBody>;

// ---- responses ----

export const DeductionView = Type.Object({
  id: Type.Integer(),
  key: Type.String({ description: "The incident's evidence key, unique in the ledger" }),
  personId: Type.Integer(),
  personName: Type.String(),
  departmentId: NullableInteger,
  departmentName: NullableString,
  ruleId: Type.String(),
  kind: literals(DEDUCTION_KINDS),
  severity: literals(DEDUCTION_SEVERITIES),
  points: Type.Integer(),
  notice: Type.Boolean(),
  /** Evidence: the ticket, the breached clock, the complaint, the routing events. */
  ticketId: NullableInteger,
  ticketNumber: NullableString,
  clockId: NullableInteger,
  complaintId: NullableInteger,
  eventIds: Type.Array(Type.Integer()),
  occurredAt: IsoDateTime,
  status: literals(DEDUCTION_STATUSES),
  proposedAt: IsoDateTime,
  decidedAt: NullableIsoDateTime,
  decidedByName: NullableString,
  decisionReason: NullableString,
  noticeId: NullableInteger,
  version: Type.Integer(),
});
export type DeductionView = Static<typeof DeductionView>;

export const DeductionList = Page(DeductionView);
export type DeductionList = Static<typeof DeductionList>;

export const ScanResult = Type.Object({
  period: Type.String(),
  proposed: Type.Array(DeductionView),
  skipped: Type.Array(Type.Object({ reason: literals(SKIP_REASONS), count: Type.Integer() }), {
    description: 'Incidents that proposed nothing, and why (already proposed, no rule, nobody responsible, below the threshold)',
  }),
});
export type ScanResult = Static<typeof ScanResult>;

export const DeductionRuleView = Type.Object({
  id: Type.String(),
  kind: literals(DEDUCTION_KINDS),
  severity: literals(DEDUCTION_SEVERITIES),
  points: Type.Integer(),
  notice: Type.Boolean(),
  passingTheBuckThreshold: Type.Union([Type.Integer(), Type.Null()], { description: 'Set for passing_the_buck, null otherwise' }),
  enabled: Type.Boolean(),
  updatedAt: IsoDateTime,
});
export type DeductionRuleView = Static<typeof DeductionRuleView>;

export const DeductionRuleList = Type.Object({ items: Type.Array(DeductionRuleView) });
export type DeductionRuleList = Static<typeof DeductionRuleList>;

export const DeductionParams = Type.Object({ id: Id });
