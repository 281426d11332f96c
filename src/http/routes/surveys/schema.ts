import { Type } from 'typebox';
import { SURVEY_ANSWER_KINDS } from '../../../domain/surveys/parse-survey-answer.ts';
import { SURVEY_GROUP_BYS } from '../../../services/surveys/survey-results.ts';
import { Body } from '../common.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Name = Type.String({ maxLength: 200 });
const DimensionName = Type.String({ maxLength: 100 });

export const DimensionKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 40 }) });
export const VersionParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 9007199254740991 }), version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });

export const CreateDimensionBody = Body({
  key: Type.String({ maxLength: 40, description: 'Permanent: a–z, 0–9 and _, starting with a letter' }),
  nameZh: DimensionName,
  nameEn: DimensionName,
  description: Type.Optional(Type.String({ maxLength: 500 })),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  active: Type.Optional(Type.Boolean()),
});

export const UpdateDimensionBody = Body({
  nameZh: Type.Optional(DimensionName),
  nameEn: Type.Optional(DimensionName),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  active: Type.Optional(Type.Boolean()),
});

const Question = Body({
  key: Type.String({ maxLength: 40, description: 'Stable across versions: a–z, 0–9 and _, starting with a letter' }),
  text: Body({ zh: Type.String({ maxLength: 500 }), en: Type.String({ maxLength: 500 }) }),
  // Null first: with type coercion on, a string branch first would turn null into "".
  dimension: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 40 })], { description: 'A dimension key; null only for text questions' })),
  kind: literals(SURVEY_ANSWER_KINDS),
});
const Questions = Type.Array(Question, { maxItems: 50 });

export const CreateTemplateBody = Body({
  name: Name,
  questions: Questions,
  forCallback: Type.Optional(Type.Boolean({ description: 'Make it the template callback surveys ask (replacing the current one)' })),
});

export const UpdateTemplateBody = Body({
  revision: Type.Optional(Type.Integer({ minimum: 1, description: 'The revision you saw; a different current one answers 409' })),
  name: Type.Optional(Name),
  questions: Type.Optional(Questions),
  active: Type.Optional(Type.Boolean()),
  forCallback: Type.Optional(Type.Boolean()),
});

export const ResultsQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD (local midnight) or an ISO date-time; inclusive; default 30 days before `to`' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Same forms; exclusive; default now' })),
  groupBy: Type.Optional(literals(SURVEY_GROUP_BYS)),
  timeZone: Type.Optional(Type.String({ maxLength: 64, description: "IANA zone for dates, weeks and months; default the company's (GET /api/settings/company)" })),
});

export const DashboardQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: "YYYY-MM-DD (local midnight in the company's time zone) or an ISO date-time; inclusive; default 30 days before `to`" })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Same forms; exclusive; default now' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, maximum: 9007199254740991, description: 'Only ratings credited to this department or one below it' })),
});

export const AhpBody = Body({
  matrix: Type.Array(Type.Array(Type.Number(), { maxItems: 15 }), { minItems: 1, maxItems: 15, description: 'Reciprocal pairwise comparisons on Saaty’s 1/9…9 scale: matrix[i][j] = how much more important i is than j' }),
  labels: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 15 })),
});

export const WeightedIndexBody = Body({
  tree: Type.Unknown({ description: 'An indicator: { id, weight (local, 0..1; siblings sum to 1), children?: [indicator] }; at most 8 levels and 500 indicators' }),
  scores: Type.Record(Type.String({ maxLength: 200 }), Type.Union([Type.Number(), Type.Null()]), { maxProperties: 500, description: 'Leaf id → score' }),
});
