import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { DEFAULT_GRADE_TABLE, GRADES, gradeToPoints, isFollowUpGrade, resolveGradeTable, type Grade } from './grade-to-points.ts';
import { scoreScorecard } from './score-scorecard.ts';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainValidationError);
    return (err as DomainValidationError).field;
  }
  throw new Error('expected a DomainValidationError');
}

describe('gradeToPoints', () => {
  it('uses the default table: A 100 … B- 50, C 0, D −100', () => {
    expect(GRADES.map((g) => gradeToPoints(g))).toEqual([100, 90, 80, 70, 50, 0, -100]);
  });

  it('applies a custom table to A..B- only', () => {
    const table = { A: 100, 'A-': 95, 'B+': 85, B: 75, 'B-': 60 };
    expect(gradeToPoints('A-', table)).toBe(95);
    expect(gradeToPoints('B-', { 'B-': 60 })).toBe(60);
    expect(gradeToPoints('C', table)).toBe(0);
    expect(gradeToPoints('D', table)).toBe(-100);
  });

  it('allows restating C and D with their fixed values, refuses changing them', () => {
    expect(resolveGradeTable({ C: 0, D: -100 })).toEqual(DEFAULT_GRADE_TABLE);
    expect(fieldOf(() => gradeToPoints('A', { C: 10 }))).toBe('gradeTable.C');
    expect(fieldOf(() => gradeToPoints('A', { D: -50 }))).toBe('gradeTable.D');
  });

  it('requires A ≥ A- ≥ B+ ≥ B ≥ B- > 0', () => {
    expect(resolveGradeTable({ A: 80, 'A-': 80, 'B+': 80, B: 80, 'B-': 80 }).B).toBe(80);
    expect(fieldOf(() => resolveGradeTable({ 'A-': 101 }))).toBe('gradeTable.A-');
    expect(fieldOf(() => resolveGradeTable({ 'B-': 75 }))).toBe('gradeTable.B-');
    expect(fieldOf(() => resolveGradeTable({ 'B-': 0 }))).toBe('gradeTable.B-');
    expect(fieldOf(() => resolveGradeTable({ A: Number.NaN }))).toBe('gradeTable.A');
    expect(fieldOf(() => resolveGradeTable({ E: 3 } as unknown as Record<Grade, number>))).toBe('gradeTable.E');
  });

  it('rejects an unknown grade', () => {
    expect(fieldOf(() => gradeToPoints('A+' as Grade))).toBe('grade');
  });

  it('opens a follow-up for C and D only', () => {
    expect(GRADES.filter(isFollowUpGrade)).toEqual(['C', 'D']);
  });
});

describe('scoreScorecard', () => {
  const week = { quality: 'A', on_time_delivery: 'B+', communication: 'B-', service_flexibility: 'C', technical_support: 'D' } as const;

  it('gives points per area and the mean of the five', () => {
    const result = scoreScorecard(week);
    expect(result.points).toEqual({ quality: 100, on_time_delivery: 80, communication: 50, service_flexibility: 0, technical_support: -100 });
    expect(result.meanPoints).toBe(26);
    expect(result.followUpAreas).toEqual(['service_flexibility', 'technical_support']);
  });

  it('uses a custom table', () => {
    expect(scoreScorecard(week, { A: 110, 'B+': 90 }).meanPoints).toBe((110 + 90 + 50 + 0 - 100) / 5);
  });

  it('needs every area, and only known areas, with valid grades', () => {
    const { technical_support: _, ...missing } = week;
    expect(fieldOf(() => scoreScorecard(missing as typeof week))).toBe('answers.technical_support');
    expect(fieldOf(() => scoreScorecard({ ...week, price: 'A' } as typeof week))).toBe('answers.price');
    expect(fieldOf(() => scoreScorecard({ ...week, quality: 'E' } as unknown as typeof week))).toBe('answers.quality');
  });
});
