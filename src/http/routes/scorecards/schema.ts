import { Type } from 'typebox';
import { GRADES } from '../../../domain/surveys/grade-to-points.ts';
import { SCORECARD_AREAS } from '../../../domain/surveys/score-scorecard.ts';
import { Body } from '../common.ts';

const Id = Type.Integer({ minimum: 1, maximum: 9007199254740991 });
const Grade = Type.Union(GRADES.map((g) => Type.Literal(g)));
const Comment = Type.String({ maxLength: 2000 });

export const Grades = Body(Object.fromEntries(SCORECARD_AREAS.map((a) => [a, Grade])) as Record<(typeof SCORECARD_AREAS)[number], typeof Grade>);
export const Comments = Body(Object.fromEntries(SCORECARD_AREAS.map((a) => [a, Type.Optional(Comment)])) as Record<(typeof SCORECARD_AREAS)[number], Type.TOptional<typeof Comment>>);

export const ListQuery = Type.Object({
  week: Type.Optional(Type.String({ maxLength: 8, description: 'An ISO week of the company time zone, e.g. 2026-W10' })),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('answered')])),
  customerId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const TrendQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD or ISO date-time; weeks starting on or after it; default 30 days before `to`' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Exclusive; default now' })),
  customerId: Type.Optional(Id),
  staffId: Type.Optional(Type.Integer({ minimum: 1, maximum: 9007199254740991, description: "Whose account team to total (default: mine)" })),
});

export const StaffAnswerBody = Body({
  contactId: Id,
  grades: Grades,
  comments: Type.Optional(Comments),
});

export const LinkBody = Body({ contactId: Id });

export const LinkAnswerBody = Body({ grades: Grades, comments: Type.Optional(Comments) });

export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }) });
