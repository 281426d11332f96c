import { Type } from 'typebox';
import { REPORT_GROUP_BYS, REPORT_PERIODS } from '../../../services/reports/commitment-compliance.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

const reportFields = {
  from: Type.String({ minLength: 1, maxLength: 40, description: 'Start of the period, inclusive: 2026-01-01 (local midnight in timeZone) or an ISO date-time' }),
  to: Type.String({ minLength: 1, maxLength: 40, description: 'End of the period, exclusive; at most two years after from' }),
  groupBy: Type.Optional(literals(REPORT_GROUP_BYS)),
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone for plain dates (default Asia/Shanghai)' })),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, description: 'Only commitments at this level' })),
  period: Type.Optional(Type.Union(REPORT_PERIODS.map((v) => Type.Literal(v)), { description: 'Split the figures per ISO week or month in timeZone' })),
};

export const CommitmentReportQuery = Type.Object(reportFields);

export const CommitmentReportCsvQuery = Type.Object({
  ...reportFields,
  table: Type.Optional(literals(['summary', 'attributions'] as const)),
  lang: Type.Optional(literals(['en', 'zh-CN'] as const)),
});
