import { describe, expect, it } from 'vitest';
import { computePeriodScore, type Deduction } from './compute-period-score.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';

const start = Date.UTC(2026, 2, 1);
const end = Date.UTC(2026, 3, 1);

describe('computePeriodScore', () => {
  const deductions: Deduction[] = [
    { id: 'd1', personId: 'bob', points: 10, status: 'confirmed', occurredAtMs: start },
    { id: 'd2', personId: 'bob', points: 30, status: 'confirmed', occurredAtMs: end - 1 },
    { id: 'd3', personId: 'bob', points: 10, status: 'proposed', occurredAtMs: start + 5 },
    { id: 'd4', personId: 'bob', points: 10, status: 'rejected', occurredAtMs: start + 5 },
    { id: 'd5', personId: 'bob', points: 10, status: 'confirmed', occurredAtMs: end },
    { id: 'd6', personId: 'bob', points: 10, status: 'confirmed', occurredAtMs: start - 1 },
    { id: 'd7', personId: 'amy', points: 30, status: 'confirmed', occurredAtMs: start + 10 },
  ];

  it('counts confirmed deductions in [start, end) per person', () => {
    expect(computePeriodScore(deductions, { startMs: start, endMs: end })).toEqual([
      { personId: 'amy', deductedPoints: 30, score: 70, deductionIds: ['d7'] },
      { personId: 'bob', deductedPoints: 40, score: 60, deductionIds: ['d1', 'd2'] },
    ]);
  });

  it('never scores below 0 and accepts another base', () => {
    const many: Deduction[] = Array.from({ length: 5 }, (_, i) => ({ id: `x${i}`, personId: 'cai', points: 30, status: 'confirmed', occurredAtMs: start }));
    expect(computePeriodScore(many, { startMs: start, endMs: end })[0]).toMatchObject({ deductedPoints: 150, score: 0 });
    expect(computePeriodScore(many.slice(0, 1), { startMs: start, endMs: end }, 200)[0]?.score).toBe(170);
  });

  it('returns nothing for nobody', () => {
    expect(computePeriodScore([], { startMs: start, endMs: end })).toEqual([]);
  });

  it('validates the period and deductions', () => {
    expect(() => computePeriodScore([], { startMs: end, endMs: start })).toThrow(DomainValidationError);
    expect(() => computePeriodScore([{ ...deductions[0], points: -1 } as Deduction], { startMs: start, endMs: end })).toThrow(/points/);
    expect(() => computePeriodScore([{ ...deductions[0], status: 'maybe' } as unknown as Deduction], { startMs: start, endMs: end })).toThrow(/status/);
  });
});
