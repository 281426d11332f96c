import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { GRADES, isFollowUpGrade, isGrade, resolveGradeTable, type Grade } from './grade-to-points.ts';

/** The five areas a B2B customer grades each week. */
export const SCORECARD_AREAS = ['quality', 'on_time_delivery', 'communication', 'service_flexibility', 'technical_support'] as const;
export type ScorecardArea = (typeof SCORECARD_AREAS)[number];

/** A week's scorecard is open until a contact's grades are recorded. */
export const SCORECARD_STATUSES = ['open', 'answered'] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

/** How the grades came in: through the signed link, or entered by staff on the contact's behalf. */
export const SCORECARD_CHANNELS = ['link', 'staff'] as const;
export type ScorecardChannel = (typeof SCORECARD_CHANNELS)[number];

export type ScorecardAnswers = Readonly<Record<ScorecardArea, Grade>>;

export interface ScorecardScore {
  /** Points per area under the grade table in force. */
  points: Record<ScorecardArea, number>;
  /** Mean of the five areas' points (the week's customer satisfaction index). */
  meanPoints: number;
  /** Areas graded C or D, in SCORECARD_AREAS order: each opens a follow-up. */
  followUpAreas: ScorecardArea[];
}

/** Scores one weekly scorecard; every area must be graded (a partial week would skew the index). */
export function scoreScorecard(answers: ScorecardAnswers, table?: Partial<Record<Grade, number>>): ScorecardScore {
  if (answers === null || typeof answers !== 'object') {
    throw new DomainValidationError('answers', 'The scorecard answers must be an object of area → grade');
  }
  for (const key of Object.keys(answers)) {
    if (!(SCORECARD_AREAS as readonly string[]).includes(key)) {
      throw new DomainValidationError(`answers.${key}`, `"${key}" is not a scorecard area; use ${SCORECARD_AREAS.join(', ')}`);
    }
  }
  const resolved = resolveGradeTable(table);
  const points = {} as Record<ScorecardArea, number>;
  const followUpAreas: ScorecardArea[] = [];
  let sum = 0;
  for (const area of SCORECARD_AREAS) {
    const grade: unknown = answers[area];
    if (grade === undefined) throw new DomainValidationError(`answers.${area}`, `The area "${area}" has no grade`);
    if (!isGrade(grade)) {
      throw new DomainValidationError(`answers.${area}`, `"${String(grade)}" is not a grade; use one of ${GRADES.join(', ')}`);
    }
    points[area] = resolved[grade];
    sum += resolved[grade];
    if (isFollowUpGrade(grade)) followUpAreas.push(area);
  }
  return { points, meanPoints: sum / SCORECARD_AREAS.length, followUpAreas };
}
