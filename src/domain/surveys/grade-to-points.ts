import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** Scorecard grades, best first. */
export const GRADES = ['A', 'A-', 'B+', 'B', 'B-', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/** The grades a company may re-score; C and D are fixed by definition. */
export const EDITABLE_GRADES = ['A', 'A-', 'B+', 'B', 'B-'] as const;
export type EditableGrade = (typeof EDITABLE_GRADES)[number];

/** Points per grade. */
export type GradeTable = Readonly<Record<Grade, number>>;

/** C counts 0 and D −100 ("fully unacceptable"): part of the scorecard's definition, never configurable. */
export const FIXED_GRADE_POINTS = { C: 0, D: -100 } as const;

export const DEFAULT_GRADE_TABLE: GradeTable = {
  A: 100,
  'A-': 90,
  'B+': 80,
  B: 70,
  'B-': 50,
  ...FIXED_GRADE_POINTS,
};

/** True when the value is one of the seven scorecard grades. */
export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES as readonly string[]).includes(value);
}

/**
 * The full table after applying a company's overrides of A..B- to the defaults.
 * Throws when C or D is changed, a value is not finite, or the order A ≥ A- ≥ B+ ≥ B ≥ B- > 0 breaks.
 */
export function resolveGradeTable(overrides?: Partial<Record<Grade, number>>, field = 'gradeTable'): GradeTable {
  if (overrides === undefined) return DEFAULT_GRADE_TABLE;
  if (overrides === null || typeof overrides !== 'object') {
    throw new DomainValidationError(field, 'The grade table must be an object of grade → points');
  }
  const table: Record<Grade, number> = { ...DEFAULT_GRADE_TABLE };
  for (const [key, value] of Object.entries(overrides)) {
    if (!isGrade(key)) throw new DomainValidationError(`${field}.${key}`, `"${key}" is not a grade; use one of ${GRADES.join(', ')}`);
    if (key === 'C' || key === 'D') {
      // Tolerate restating the fixed value so a client may send the whole table back.
      if (value !== FIXED_GRADE_POINTS[key]) {
        throw new DomainValidationError(`${field}.${key}`, `Grade ${key} always counts ${FIXED_GRADE_POINTS[key]} points and cannot be changed`);
      }
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new DomainValidationError(`${field}.${key}`, `The points for grade ${key} must be a finite number`);
    }
    table[key] = value;
  }
  for (let i = 1; i < EDITABLE_GRADES.length; i++) {
    const better = EDITABLE_GRADES[i - 1] as EditableGrade;
    const worse = EDITABLE_GRADES[i] as EditableGrade;
    if (table[better] < table[worse]) {
      throw new DomainValidationError(`${field}.${worse}`, `Grade ${worse} (${table[worse]} points) cannot count more than grade ${better} (${table[better]} points)`);
    }
  }
  if (table['B-'] <= 0) {
    throw new DomainValidationError(`${field}.B-`, 'Grade B- must count more than 0 points, since C counts 0');
  }
  return table;
}

/** Points for one grade under the default table or a company's overrides of A..B-. */
export function gradeToPoints(grade: Grade, table?: Partial<Record<Grade, number>>): number {
  if (!isGrade(grade)) throw new DomainValidationError('grade', `"${String(grade)}" is not a grade; use one of ${GRADES.join(', ')}`);
  return resolveGradeTable(table)[grade];
}

/** A C or D opens a follow-up with the account: the customer found that week unacceptable. */
export function isFollowUpGrade(grade: Grade): boolean {
  return grade === 'C' || grade === 'D';
}
