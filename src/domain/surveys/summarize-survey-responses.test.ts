import { describe, expect, it } from 'vitest';
import { summarizeSurveyResponses, type SurveyResponseData } from './summarize-survey-responses.ts';

const scale = (key: string, dimension: string, score: number) => ({ key, dimension, kind: 'scale' as const, score });

describe('summarizeSurveyResponses', () => {
  it('computes CSAT, mean and distribution, and per dimension the means and Cronbach α (hand-computed)', () => {
    // trust: q1 = 5,4,2,5 (variance 2), q2 = 4,4,3,5 (variance 2/3), totals 9,8,5,10 (variance 14/3)
    // → α = 2 · (1 − (8/3)/(14/3)) = 6/7.
    const responses: SurveyResponseData[] = [
      { satisfaction: 5, answers: [scale('q1', 'trust', 5), scale('q2', 'trust', 4), { key: 'yes', dimension: 'empathy', kind: 'yes_no', score: 1 }] },
      { satisfaction: 4, answers: [scale('q1', 'trust', 4), scale('q2', 'trust', 4), { key: 'yes', dimension: 'empathy', kind: 'yes_no', score: 0 }] },
      { satisfaction: 3, answers: [scale('q1', 'trust', 2), scale('q2', 'trust', 3), { key: 'g', dimension: 'empathy', kind: 'grade', score: 80 }] },
      { satisfaction: 5, answers: [scale('q1', 'trust', 5), scale('q2', 'trust', 5), { key: 'note', dimension: null, kind: 'text', score: null }] },
    ];
    const summary = summarizeSurveyResponses(responses, ['tangibles', 'empathy', 'trust']);
    expect(summary).toMatchObject({ n: 4, csat: 0.75, mean: 4.25, distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 2 } });
    expect(summary.dimensions.map((d) => d.dimension)).toEqual(['empathy', 'trust']);
    const [empathy, trust] = summary.dimensions;
    expect(empathy).toMatchObject({ answers: 3, mean: null, yesShare: 0.5, gradePoints: 80, alpha: null, alphaN: 0, alphaK: 0, flag: 'insufficient_data' });
    expect(trust).toMatchObject({ answers: 8, mean: 4, yesShare: null, gradePoints: null, alphaN: 4, alphaK: 2, flag: 'reliable' });
    expect(trust!.alpha).toBeCloseTo(6 / 7, 12);
  });

  it('flags a dimension whose α is below 0.70', () => {
    // Items that disagree: q1 = 5,1,3, q2 = 1,5,3 → totals all 6 → α undefined; add a fourth respondent for spread.
    const rows = [[5, 1], [1, 5], [3, 4], [4, 4]].map(([a, b]) => ({ satisfaction: 3, answers: [scale('q1', 'trust', a!), scale('q2', 'trust', b!)] }));
    const [trust] = summarizeSurveyResponses(rows).dimensions;
    expect(trust!.alpha).toBeLessThan(0.7);
    expect(trust).toMatchObject({ flag: 'below_threshold', alphaN: 4, alphaK: 2 });
  });

  it('uses the item set most respondents answered completely (templates change between versions)', () => {
    const rows = [
      [scale('a', 'trust', 5), scale('b', 'trust', 5), scale('c', 'trust', 4)],
      [scale('a', 'trust', 3), scale('b', 'trust', 2)],
      [scale('a', 'trust', 4), scale('b', 'trust', 4)],
      [scale('a', 'trust', 2)],
    ].map((answers) => ({ satisfaction: 4, answers }));
    const [trust] = summarizeSurveyResponses(rows).dimensions;
    expect(trust).toMatchObject({ alphaN: 3, alphaK: 2 });
  });

  it('answers nulls with no responses, and no spread counts as insufficient data', () => {
    expect(summarizeSurveyResponses([])).toEqual({ n: 0, csat: null, mean: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, dimensions: [] });
    const same = [1, 2].map(() => ({ satisfaction: 5, answers: [scale('a', 'trust', 5), scale('b', 'trust', 5)] }));
    expect(summarizeSurveyResponses(same).dimensions[0]).toMatchObject({ alpha: null, flag: 'insufficient_data', mean: 5 });
  });
});
