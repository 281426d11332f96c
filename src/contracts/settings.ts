import { Type, type Static } from 'typebox';
import { GRADES, type Grade } from '../domain/surveys/grade-to-points.ts';
import { Body } from './common.ts';

const Points = Type.Number({ minimum: -1000, maximum: 1000 });

/** Company-wide settings: the time zone weeks and months follow, and the scorecard grade points. */
export const CompanySettings = Type.Object({
  timeZone: Type.String({ description: 'IANA zone: weeks (ISO, Monday 00:00 local) and months of reports and scorecards follow it' }),
  scorecardGradePoints: Type.Object(Object.fromEntries(GRADES.map((g) => [g, Type.Number()])) as Record<Grade, Type.TNumber>, { description: 'Points per grade; C 0 and D −100 are fixed' }),
});
export type CompanySettings = Static<typeof CompanySettings>;

export const UpdateCompanySettingsBody = Body({
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone, e.g. Asia/Shanghai' })),
  scorecardGradePoints: Type.Optional(Body(Object.fromEntries(GRADES.map((g) => [g, Type.Optional(Points)])) as Record<Grade, Type.TOptional<typeof Points>>)),
});
export type UpdateCompanySettingsBody = Static<typeof UpdateCompanySettingsBody>;
