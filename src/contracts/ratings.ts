import { Type, type Static } from 'typebox';
import { COMPLAINT_STATUSES, RATING_LEVELS, RATING_SIGNALS, REPORT_GROUPINGS } from '../domain/accountability/value-lists.ts';
import { Body, IsoDateTime, NullableInteger, NullableNumber, NullableString, literals } from './common.ts';
import { DeductionView } from './deductions.ts';

/** Staff ratings and assessments: a person's period with its evidence, the superior's rating, and the period report. */

const RatingLevel = literals(RATING_LEVELS);
const Period = Type.String({ maxLength: 20 });

// ---- requests ----

export const PeriodQuery = Type.Object({ period: Period });
export type PeriodQuery = Static<typeof PeriodQuery>;

export const ReportCsvQuery = Type.Object({ period: Period, groupBy: Type.Optional(literals(REPORT_GROUPINGS)) });
export type ReportCsvQuery = Static<typeof ReportCsvQuery>;

export const SaveRatingBody = Body({ period: Period, score: Type.Number({ minimum: 0, maximum: 10 }), comment: Type.String({ maxLength: 4000 }), version: Type.Optional(Type.Integer({ minimum: 1 })) });
export type SaveRatingBody = Static<typeof SaveRatingBody>;

// ---- responses ----

/** What the accountability screens offer the signed-in staff member. */
export const AccountabilityReach = Type.Object({
  office: Type.Boolean(),
  overseesPeople: Type.Boolean({ description: "They head a department or supervise one, so they see people's ledgers and flags and rate them" }),
});
export type AccountabilityReach = Static<typeof AccountabilityReach>;

/** What Centric gathered about one person in one period. */
export const RatingEvidenceView = Type.Object({
  commitments: Type.Object({ met: Type.Integer(), breached: Type.Integer(), share: NullableNumber }, { description: 'Their clocks met or breached in the period; share is null when none' }),
  satisfaction: Type.Object({ count: Type.Integer(), mean: NullableNumber }, { description: 'Satisfaction (1–5) from surveys answered in the period and credited to them' }),
  verifiedComplaints: Type.Integer(),
  deductions: Type.Object({ confirmedPoints: Type.Integer(), confirmedCount: Type.Integer(), proposedCount: Type.Integer() }),
  spotChecks: Type.Object({ audited: Type.Integer(), passed: Type.Integer(), share: NullableNumber }, { description: 'Spot-checked tickets of theirs closed in the period, each once' }),
  score: Type.Number({ description: "The period's performance score: 100 less confirmed deductions, never below 0" }),
});
export type RatingEvidenceView = Static<typeof RatingEvidenceView>;

export const RatingSuggestionView = Type.Object({
  score: Type.Union([Type.Number(), Type.Null()], { description: 'Null when no positive signal exists' }),
  level: Type.Union([RatingLevel, Type.Null()]),
  base: NullableNumber,
  signalsUsed: Type.Array(literals(RATING_SIGNALS)),
  complaintPenalty: Type.Number(),
  deductionPenalty: Type.Number(),
});
export type RatingSuggestionView = Static<typeof RatingSuggestionView>;

export const RatingView = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  personName: Type.String(),
  period: Type.String(),
  score: Type.Number(),
  level: RatingLevel,
  comment: Type.String(),
  suggestedScore: NullableNumber,
  ratedByName: NullableString,
  ratedAt: IsoDateTime,
  version: Type.Integer(),
});
export type RatingView = Static<typeof RatingView>;

export const RatedPerson = Type.Object({ id: Type.Integer(), name: Type.String(), departmentId: NullableInteger, departmentName: NullableString });
export type RatedPerson = Static<typeof RatedPerson>;

export const AssessedComplaint = Type.Object({ id: Type.Integer(), summary: Type.String(), status: literals(COMPLAINT_STATUSES), receivedAt: IsoDateTime });

export const PersonAssessment = Type.Object({
  person: RatedPerson,
  period: Type.String(),
  evidence: RatingEvidenceView,
  suggestion: RatingSuggestionView,
  rating: Type.Union([RatingView, Type.Null()]),
  canRate: Type.Boolean(),
  ledger: Type.Array(DeductionView),
  complaints: Type.Array(AssessedComplaint),
});
export type PersonAssessment = Static<typeof PersonAssessment>;

export const RatingSheetRow = Type.Object({ person: RatedPerson, evidence: RatingEvidenceView, suggestion: RatingSuggestionView, rating: Type.Union([RatingView, Type.Null()]) });
export type RatingSheetRow = Static<typeof RatingSheetRow>;

export const RatingSheet = Type.Object({ period: Type.String(), items: Type.Array(RatingSheetRow) });
export type RatingSheet = Static<typeof RatingSheet>;

export const PersonReportRow = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  departmentId: NullableInteger,
  departmentName: NullableString,
  commitmentsMet: Type.Integer(),
  commitmentsBreached: Type.Integer(),
  satisfactionMean: NullableNumber,
  satisfactionCount: Type.Integer(),
  verifiedComplaints: Type.Integer(),
  confirmedPoints: Type.Integer(),
  confirmedDeductions: Type.Integer(),
  score: Type.Number(),
  spotChecksAudited: Type.Integer(),
  spotChecksPassed: Type.Integer(),
  suggestedScore: NullableNumber,
  ratingScore: NullableNumber,
  ratingLevel: Type.Union([RatingLevel, Type.Null()]),
});
export type PersonReportRow = Static<typeof PersonReportRow>;

export const DepartmentReportRow = Type.Object({
  departmentId: NullableInteger,
  departmentName: NullableString,
  people: Type.Integer(),
  commitmentsMet: Type.Integer(),
  commitmentsBreached: Type.Integer(),
  verifiedComplaints: Type.Integer(),
  confirmedPoints: Type.Integer(),
  confirmedDeductions: Type.Integer(),
  averageScore: Type.Number(),
  rated: Type.Integer(),
  averageRating: NullableNumber,
});
export type DepartmentReportRow = Static<typeof DepartmentReportRow>;

export const AccountabilityReport = Type.Object({ period: Type.String(), people: Type.Array(PersonReportRow), departments: Type.Array(DepartmentReportRow) });
export type AccountabilityReport = Static<typeof AccountabilityReport>;

export const AccountabilityReportCsv = Type.String({ description: 'text/csv (UTF-8 with a byte-order mark): the report per person or per department' });
