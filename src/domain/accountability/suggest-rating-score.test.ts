import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { suggestRatingScore, type RatingEvidence } from './suggest-rating-score.ts';

const none: RatingEvidence = { commitmentsMet: null, csatMean: null, verifiedComplaints: 0, confirmedDeductionPoints: 0, spotCheckPassShare: null };

describe('suggestRatingScore', () => {
  it('weights the three signals 0.4 / 0.3 / 0.3 on a 0–10 scale', () => {
    // 0.4·9 + 0.3·8.75 + 0.3·9.5 = 9.075 → 9.08 (half up)
    const result = suggestRatingScore({ ...none, commitmentsMet: 0.9, csatMean: 4.5, spotCheckPassShare: 0.95 });
    expect(result.base).toBeCloseTo(9.075, 12);
    expect(result).toMatchObject({ score: 9.08, level: 'excellent', signalsUsed: ['commitmentsMet', 'csat', 'spotCheck'] });
  });

  it('renormalises over the signals present', () => {
    // csat 4 → 7.5; spot check 0.5 → 5; (0.3·7.5 + 0.3·5)/0.6 = 6.25
    expect(suggestRatingScore({ ...none, csatMean: 4, spotCheckPassShare: 0.5 })).toMatchObject({ score: 6.25, level: 'basic', signalsUsed: ['csat', 'spotCheck'] });
  });

  it('subtracts 0.5 per verified complaint and 0.02 per deduction point', () => {
    // 10 − 2·0.5 − 40·0.02 = 8.2
    expect(suggestRatingScore({ ...none, commitmentsMet: 1, verifiedComplaints: 2, confirmedDeductionPoints: 40 })).toMatchObject({
      score: 8.2,
      level: 'good',
      complaintPenalty: 1,
      deductionPenalty: 0.8,
    });
  });

  it('clamps to 0..10', () => {
    expect(suggestRatingScore({ ...none, commitmentsMet: 0.1, verifiedComplaints: 5 }).score).toBe(0);
    expect(suggestRatingScore({ ...none, csatMean: 5 }).score).toBe(10);
  });

  it('suggests nothing without any signal', () => {
    expect(suggestRatingScore({ ...none, verifiedComplaints: 3 })).toMatchObject({ score: null, level: null, base: null, complaintPenalty: 1.5 });
  });

  it('validates the evidence, naming the field', () => {
    const cases: [Partial<RatingEvidence>, string][] = [
      [{ commitmentsMet: 1.2 }, 'commitmentsMet'],
      [{ csatMean: 0 }, 'csatMean'],
      [{ spotCheckPassShare: -0.1 }, 'spotCheckPassShare'],
      [{ verifiedComplaints: 1.5 }, 'verifiedComplaints'],
      [{ confirmedDeductionPoints: -10 }, 'confirmedDeductionPoints'],
    ];
    for (const [patch, field] of cases) {
      try {
        suggestRatingScore({ ...none, ...patch });
        throw new Error('expected an error');
      } catch (err) {
        expect(err).toBeInstanceOf(DomainValidationError);
        expect((err as DomainValidationError).field).toBe(field);
      }
    }
  });
});
