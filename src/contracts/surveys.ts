import { Type, type Static } from 'typebox';
import { SURVEY_ANSWER_KINDS } from '../domain/surveys/parse-survey-answer.ts';
import { RELIABILITY_FLAGS } from '../domain/surveys/summarize-survey-responses.ts';
import { SURVEY_CREDIT_ROLES, SURVEY_GROUP_BYS, SURVEY_SCOPES, SURVEY_STATUSES } from '../domain/surveys/survey-value-lists.ts';
import { Body, Id, IsoDateTime, literals, NullableInteger, NullableIsoDateTime, NullableNumber, NullableString } from './common.ts';

const Name = Type.String({ maxLength: 200 });
const DimensionName = Type.String({ maxLength: 100 });

export const DimensionKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 40 }) });
export type DimensionKeyParams = Static<typeof DimensionKeyParams>;
export const VersionParams = Type.Object({ id: Id, version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });
export type VersionParams = Static<typeof VersionParams>;

export const CreateDimensionBody = Body({
  key: Type.String({ maxLength: 40, description: 'Permanent: a–z, 0–9 and _, starting with a letter' }),
  nameZh: DimensionName,
  nameEn: DimensionName,
  description: Type.Optional(Type.String({ maxLength: 500 })),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  active: Type.Optional(Type.Boolean()),
});
export type CreateDimensionBody = Static<typeof CreateDimensionBody>;

export const UpdateDimensionBody = Body({
  nameZh: Type.Optional(DimensionName),
  nameEn: Type.Optional(DimensionName),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  active: Type.Optional(Type.Boolean()),
});
export type UpdateDimensionBody = Static<typeof UpdateDimensionBody>;

const QuestionInput = Body({
  key: Type.String({ maxLength: 40, description: 'Stable across versions: a–z, 0–9 and _, starting with a letter' }),
  text: Body({ zh: Type.String({ maxLength: 500 }), en: Type.String({ maxLength: 500 }) }),
  // Null first: with type coercion on, a string branch first would turn null into "".
  dimension: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 40 })], { description: 'A dimension key; null only for text questions' })),
  kind: literals(SURVEY_ANSWER_KINDS),
});
const QuestionsInput = Type.Array(QuestionInput, { maxItems: 50 });

export const CreateTemplateBody = Body({
  name: Name,
  questions: QuestionsInput,
  forCallback: Type.Optional(Type.Boolean({ description: 'Make it the template callback surveys ask (replacing the current one)' })),
});
export type CreateTemplateBody = Static<typeof CreateTemplateBody>;

export const UpdateTemplateBody = Body({
  revision: Type.Optional(Type.Integer({ minimum: 1, description: 'The revision you saw; a different current one answers 409' })),
  name: Type.Optional(Name),
  questions: Type.Optional(QuestionsInput),
  active: Type.Optional(Type.Boolean()),
  forCallback: Type.Optional(Type.Boolean()),
});
export type UpdateTemplateBody = Static<typeof UpdateTemplateBody>;

export const ResultsQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD (local midnight) or an ISO date-time; inclusive; default 30 days before `to`' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Same forms; exclusive; default now' })),
  groupBy: Type.Optional(literals(SURVEY_GROUP_BYS)),
  timeZone: Type.Optional(Type.String({ maxLength: 64, description: "IANA zone for dates, weeks and months; default the company's (GET /api/settings/company)" })),
});
export type ResultsQuery = Static<typeof ResultsQuery>;

export const DashboardQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: "YYYY-MM-DD (local midnight in the company's time zone) or an ISO date-time; inclusive; default 30 days before `to`" })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Same forms; exclusive; default now' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Only ratings credited to this department or one below it' })),
});
export type DashboardQuery = Static<typeof DashboardQuery>;

export const AhpBody = Body({
  matrix: Type.Array(Type.Array(Type.Number(), { maxItems: 15 }), { minItems: 1, maxItems: 15, description: 'Reciprocal pairwise comparisons on Saaty’s 1/9…9 scale: matrix[i][j] = how much more important i is than j' }),
  labels: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 15 })),
});
export type AhpBody = Static<typeof AhpBody>;

export const WeightedIndexBody = Body({
  tree: Type.Unknown({ description: 'An indicator: { id, weight (local, 0..1; siblings sum to 1), children?: [indicator] }; at most 8 levels and 500 indicators' }),
  scores: Type.Record(Type.String({ maxLength: 200 }), Type.Union([Type.Number(), Type.Null()]), { maxProperties: 500, description: 'Leaf id → score' }),
});
export type WeightedIndexBody = Static<typeof WeightedIndexBody>;

/** A service-quality dimension questions are scored on (tangibles, empathy, …). */
export const SurveyDimensionView = Type.Object({
  key: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  active: Type.Boolean(),
});
export type SurveyDimensionView = Static<typeof SurveyDimensionView>;

export const SurveyDimensionList = Type.Object({ items: Type.Array(SurveyDimensionView) });
export type SurveyDimensionList = Static<typeof SurveyDimensionList>;

/** One question of a template version. */
export const SurveyQuestionView = Type.Object({
  key: Type.String({ description: 'Stable within a template across versions' }),
  text: Type.Object({ zh: Type.String(), en: Type.String() }),
  dimension: Type.Union([Type.String(), Type.Null()], { description: 'A dimension key; null only for free-text questions' }),
  kind: literals(SURVEY_ANSWER_KINDS),
});
export type SurveyQuestionView = Static<typeof SurveyQuestionView>;

const versionMeta = { version: Type.Integer(), createdAt: IsoDateTime, createdById: NullableInteger, createdByName: NullableString };

export const SurveyTemplateVersionView = Type.Object({ templateId: Type.Integer(), ...versionMeta, questions: Type.Array(SurveyQuestionView) });
export type SurveyTemplateVersionView = Static<typeof SurveyTemplateVersionView>;

export const SurveyTemplateView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  active: Type.Boolean(),
  forCallback: Type.Boolean({ description: 'Callback surveys ask this template (at most one at a time)' }),
  currentVersion: Type.Integer(),
  revision: Type.Integer({ description: 'Send it back with an edit: a different current revision means someone else edited meanwhile (409)' }),
  questions: Type.Array(SurveyQuestionView, { description: "The current version's questions" }),
  versions: Type.Array(Type.Object(versionMeta), { description: 'Every version, newest first (their questions: GET …/versions/:version)' }),
  surveyCount: Type.Integer({ description: 'How many surveys asked any version of it' }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SurveyTemplateView = Static<typeof SurveyTemplateView>;

export const SurveyTemplateList = Type.Object({ items: Type.Array(SurveyTemplateView) });
export type SurveyTemplateList = Static<typeof SurveyTemplateList>;

export const SurveyAnswerView = Type.Object({
  key: Type.String(),
  kind: literals(SURVEY_ANSWER_KINDS),
  dimension: NullableString,
  value: Type.Unknown({ description: '1–5, a grade, true/false or text, as the question asks' }),
});
export type SurveyAnswerView = Static<typeof SurveyAnswerView>;

export const SurveyCreditView = Type.Object({
  role: literals(SURVEY_CREDIT_ROLES),
  staffId: NullableInteger,
  staffName: NullableString,
  departmentId: NullableInteger,
  departmentName: NullableString,
  satisfaction: Type.Integer(),
});
export type SurveyCreditView = Static<typeof SurveyCreditView>;

/** A callback survey as staff see it. */
export const TicketSurveyView = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  status: literals(SURVEY_STATUSES),
  resolvedAt: NullableIsoDateTime,
  dueAt: IsoDateTime,
  overdue: Type.Boolean({ description: 'Still due and past its due time' }),
  answeredAt: NullableIsoDateTime,
  satisfaction: NullableInteger,
  comment: NullableString,
  channel: Type.Union([Type.String(), Type.Null()], { description: "A ticket channel (phone, visit …) for a callback, or 'link' / 'portal'" }),
  collectedById: NullableInteger,
  collectedByName: NullableString,
  template: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), version: Type.Integer() }), Type.Null()]),
  questions: Type.Array(SurveyQuestionView),
  answers: Type.Array(SurveyAnswerView),
  credits: Type.Array(SurveyCreditView, { description: 'Who the rating counts for, frozen when it was given' }),
});
export type TicketSurveyView = Static<typeof TicketSurveyView>;

export const TicketSurveyList = Type.Object({ items: Type.Array(TicketSurveyView) });
export type TicketSurveyList = Static<typeof TicketSurveyList>;

/** What a customer sees of their own survey: the questions and their answers, nothing internal. */
export const CustomerSurveyView = Type.Object({
  id: Type.Integer(),
  status: literals(SURVEY_STATUSES),
  answeredAt: NullableIsoDateTime,
  satisfaction: NullableInteger,
  comment: NullableString,
  questions: Type.Array(SurveyQuestionView),
  answers: Type.Array(Type.Object({ key: Type.String(), value: Type.Unknown() })),
});
export type CustomerSurveyView = Static<typeof CustomerSurveyView>;

export const CustomerSurveyList = Type.Object({ items: Type.Array(CustomerSurveyView) });
export type CustomerSurveyList = Static<typeof CustomerSurveyList>;

export const DimensionSummaryView = Type.Object({
  dimension: Type.String(),
  answers: Type.Integer({ description: 'Scored answers in this dimension (any kind)' }),
  mean: Type.Union([Type.Number(), Type.Null()], { description: 'Mean of its 1–5 scale answers' }),
  yesShare: NullableNumber,
  gradePoints: NullableNumber,
  alpha: Type.Union([Type.Number(), Type.Null()], { description: "Cronbach's α over its 1–5 scale questions" }),
  alphaN: Type.Integer(),
  alphaK: Type.Integer(),
  flag: literals(RELIABILITY_FLAGS),
});
export type DimensionSummaryView = Static<typeof DimensionSummaryView>;

const summary = {
  n: Type.Integer(),
  csat: Type.Union([Type.Number(), Type.Null()], { description: 'Share of ratings 4–5, 0..1' }),
  mean: NullableNumber,
  distribution: Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() }),
  dimensions: Type.Array(DimensionSummaryView),
};
export const SurveySummaryView = Type.Object(summary);
export type SurveySummaryView = Static<typeof SurveySummaryView>;

const GroupKey = Type.Union([Type.Integer(), Type.String(), Type.Null()], { description: 'A department, staff or category id; a channel, 2026-W03 or 2026-01; null for none' });

export const SurveyResultsGroup = Type.Object({ key: GroupKey, label: NullableString, ...summary });
export type SurveyResultsGroup = Static<typeof SurveyResultsGroup>;

export const SurveyResults = Type.Object({
  from: IsoDateTime,
  to: IsoDateTime,
  timeZone: Type.String(),
  groupBy: Type.Union([literals(SURVEY_GROUP_BYS), Type.Null()]),
  scope: literals(SURVEY_SCOPES),
  dimensions: Type.Array(SurveyDimensionView, { description: 'Every dimension, for names and order' }),
  overall: SurveySummaryView,
  groups: Type.Array(SurveyResultsGroup),
});
export type SurveyResults = Static<typeof SurveyResults>;

const dashboardFigures = { n: Type.Integer(), csat: NullableNumber, mean: NullableNumber };
export const DashboardFigures = Type.Object(dashboardFigures);
export type DashboardFigures = Static<typeof DashboardFigures>;
export const DashboardGroup = Type.Object({ ...dashboardFigures, key: GroupKey, label: NullableString });
export type DashboardGroup = Static<typeof DashboardGroup>;

export const DashboardDimension = Type.Object({ key: Type.String(), nameZh: Type.String(), nameEn: Type.String(), mean: NullableNumber, answers: Type.Integer() });
export type DashboardDimension = Static<typeof DashboardDimension>;

export const LowRating = Type.Object({
  surveyId: Type.Integer(),
  answeredAt: IsoDateTime,
  satisfaction: Type.Integer(),
  comment: NullableString,
  channel: NullableString,
  ticketId: NullableInteger,
  ticketNumber: NullableString,
  subject: NullableString,
  ticketStatus: NullableString,
  ownerId: NullableInteger,
  ownerName: NullableString,
  customerName: NullableString,
  complaints: Type.Integer({ description: 'Complaints registered on the ticket' }),
  complaintStatus: Type.Union([Type.String(), Type.Null()], { description: "The newest complaint's status" }),
  reopenedAfter: Type.Boolean({ description: 'The ticket was reopened after this rating' }),
});
export type LowRating = Static<typeof LowRating>;

export const SurveyDashboard = Type.Object({
  from: IsoDateTime,
  to: IsoDateTime,
  timeZone: Type.String(),
  scope: literals(SURVEY_SCOPES),
  departmentId: NullableInteger,
  overall: DashboardFigures,
  byWeek: Type.Array(DashboardGroup),
  byMonth: Type.Array(DashboardGroup),
  byDepartment: Type.Array(DashboardGroup),
  byPerson: Type.Array(DashboardGroup),
  byCategory: Type.Array(DashboardGroup),
  byChannel: Type.Array(DashboardGroup),
  dimensions: Type.Array(DashboardDimension),
  lowRatings: Type.Array(LowRating),
  lowRatingsTruncated: Type.Boolean(),
});
export type SurveyDashboard = Static<typeof SurveyDashboard>;

const AhpPair = Type.Object({ i: Type.Integer(), j: Type.Integer(), labelI: Type.String(), labelJ: Type.String(), judged: Type.Number(), implied: Type.Number(), deviation: Type.Number() });

export const AhpResultView = Type.Object({
  n: Type.Integer(),
  labels: Type.Array(Type.String()),
  weights: Type.Array(Type.Number(), { description: 'Principal right eigenvector, summing to 1, in matrix order' }),
  lambdaMax: Type.Number(),
  ci: Type.Number(),
  ri: Type.Number(),
  cr: Type.Number(),
  consistent: Type.Boolean(),
  mostInconsistentPair: Type.Union([AhpPair, Type.Null()]),
  iterations: Type.Integer(),
});
export type AhpResultView = Static<typeof AhpResultView>;

export const WeightedIndexView = Type.Object({
  index: NullableNumber,
  coverage: Type.Number(),
  nodes: Type.Array(Type.Object({ id: Type.String(), value: NullableNumber, coverage: Type.Number(), globalWeight: Type.Number(), isLeaf: Type.Boolean() })),
});
export type WeightedIndexView = Static<typeof WeightedIndexView>;
