import { Type, type Static } from 'typebox';
import { REPORT_CSV_LANGUAGES, REPORT_CSV_TABLES, REPORT_GROUP_BYS, REPORT_PERIODS, REPORT_SCOPES } from '../domain/commitments/compliance-report-options.ts';
import { BREACH_ATTRIBUTION_KINDS } from '../domain/commitments/plan-escalation.ts';
import { literals, NullableInteger, NullableIsoDateTime, NullableNumber, NullableString } from './common.ts';
import { StageChargeFields } from './clocks.ts';

const reportFields = {
  from: Type.String({ minLength: 1, maxLength: 40, description: 'Start of the period, inclusive: 2026-01-01 (local midnight in timeZone) or an ISO date-time' }),
  to: Type.String({ minLength: 1, maxLength: 40, description: 'End of the period, exclusive; at most two years after from' }),
  groupBy: Type.Optional(literals(REPORT_GROUP_BYS)),
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone for plain dates (default Asia/Shanghai)' })),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, description: 'Only commitments at this level' })),
  /** Split the figures per ISO week or month in timeZone. */
  period: Type.Optional(literals(REPORT_PERIODS)),
};

export const CommitmentReportQuery = Type.Object(reportFields);
export type CommitmentReportQuery = Static<typeof CommitmentReportQuery>;

export const CommitmentReportCsvQuery = Type.Object({
  ...reportFields,
  table: Type.Optional(literals(REPORT_CSV_TABLES)),
  lang: Type.Optional(literals(REPORT_CSV_LANGUAGES)),
});
export type CommitmentReportCsvQuery = Static<typeof CommitmentReportCsvQuery>;

export const CommitmentReportCsv = Type.String({ description: 'text/csv (UTF-8 with BOM): the summary rows or the attributions, headers in the language asked' });

/** The compliance figures of a set of clocks (see domain/commitments/summarize-compliance.ts). */
const figures = {
  count: Type.Integer(),
  met: Type.Integer(),
  breaches: Type.Integer(),
  metPercent: Type.Union([Type.Number(), Type.Null()], { description: 'met / count × 100, one decimal; null when there is nothing to count' }),
  medianElapsedMinutes: NullableNumber,
  p90ElapsedMinutes: NullableNumber,
  medianShareOfTarget: Type.Union([Type.Number(), Type.Null()], { description: 'elapsed ÷ target per clock (1 = exactly on target)' }),
  p90ShareOfTarget: NullableNumber,
  lateMinutesTotal: Type.Number(),
};
export const ComplianceFigures = Type.Object(figures);
export type ComplianceFigures = Static<typeof ComplianceFigures>;

export const CommitmentReportRow = Type.Object({
  ...figures,
  key: Type.Union([Type.Integer(), Type.Null()], { description: 'The commitment, department or staff id; null for clocks nobody was responsible for' }),
  name: NullableString,
  level: Type.Optional(Type.Integer({ description: 'For groupBy=commitment: its level' })),
  targetMinutes: Type.Optional(Type.Integer({ description: 'For groupBy=commitment: its current target' })),
  period: Type.Optional(Type.String({ description: 'With period: the week (2026-W10) or month (2026-03)' })),
});
export type CommitmentReportRow = Static<typeof CommitmentReportRow>;

export const AttributionRow = Type.Object({
  clockId: Type.Integer(),
  ticketId: Type.Integer(),
  ticketNumber: Type.String(),
  commitmentId: Type.Integer(),
  commitmentVersion: Type.Integer({ description: 'The version the breached clock ran on; the names are that version’s' }),
  commitmentName: Type.String(),
  kind: literals(BREACH_ATTRIBUTION_KINDS),
  stageCommitmentId: NullableInteger,
  stageVersion: NullableInteger,
  stageName: NullableString,
  ...StageChargeFields,
  breachedAt: NullableIsoDateTime,
});
export type AttributionRow = Static<typeof AttributionRow>;

export const CommitmentReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  timeZone: Type.String(),
  groupBy: literals(REPORT_GROUP_BYS),
  level: NullableInteger,
  period: Type.Union([literals(REPORT_PERIODS), Type.Null()]),
  periodTotals: Type.Optional(Type.Array(Type.Object({ ...figures, period: Type.String() }), { description: 'With period: each period over every group, oldest first' })),
  scope: literals(REPORT_SCOPES),
  totals: ComplianceFigures,
  rows: Type.Array(CommitmentReportRow),
  attributions: Type.Array(AttributionRow),
  attributionsTruncated: Type.Boolean(),
});
export type CommitmentReport = Static<typeof CommitmentReport>;
