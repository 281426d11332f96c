import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { scoreScorecard, type ScorecardAnswers } from './score-scorecard.ts';

const week: ScorecardAnswers = { quality: 'A', on_time_delivery: 'C', communication: 'B-', service_flexibility: 'D', technical_support: 'A-' };

describe('scoreScorecard', () => {
  it('scores the five areas under the default table; C and D name the follow-up areas in order', () => {
    const s = scoreScorecard(week);
    expect(s.points).toEqual({ quality: 100, on_time_delivery: 0, communication: 50, service_flexibility: -100, technical_support: 90 });
    expect(s.meanPoints).toBeCloseTo(28, 12);
    expect(s.followUpAreas).toEqual(['on_time_delivery', 'service_flexibility']);
  });

  it('uses a company’s points for A … B- but never for C and D', () => {
    const s = scoreScorecard({ ...week, on_time_delivery: 'B+' }, { A: 95, 'B+': 75, 'B-': 40 });
    expect(s.points).toMatchObject({ quality: 95, on_time_delivery: 75, communication: 40, service_flexibility: -100 });
    expect(s.followUpAreas).toEqual(['service_flexibility']);
    expect(() => scoreScorecard(week, { D: -50 })).toThrow(DomainValidationError);
  });

  it('refuses a missing area, an unknown area and an unknown grade, naming the field', () => {
    const { technical_support: _dropped, ...partial } = week;
    const fieldOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as DomainValidationError).field;
      }
      return null;
    };
    expect(fieldOf(() => scoreScorecard(partial as unknown as ScorecardAnswers))).toBe('answers.technical_support');
    expect(fieldOf(() => scoreScorecard({ ...week, price: 'A' } as unknown as ScorecardAnswers))).toBe('answers.price');
    expect(fieldOf(() => scoreScorecard({ ...week, quality: 'E' } as unknown as ScorecardAnswers))).toBe('answers.quality');
  });
});
