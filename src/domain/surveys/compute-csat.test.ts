import { describe, expect, it } from 'vitest';
import { computeCsat } from './compute-csat.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { DEFAULT_SURVEY_DIMENSIONS, parseSurveyAnswer } from './parse-survey-answer.ts';

describe('computeCsat', () => {
  it('counts the share of 4s and 5s, the mean and the distribution', () => {
    // 10 ratings: two 5s, three 4s → CSAT 50 %; mean 35/10.
    expect(computeCsat([5, 5, 4, 4, 4, 3, 3, 2, 2, 3])).toEqual({
      n: 10,
      csat: 0.5,
      mean: 3.5,
      distribution: { 1: 0, 2: 2, 3: 3, 4: 3, 5: 2 },
    });
  });

  it('returns nulls for no ratings', () => {
    expect(computeCsat([])).toEqual({ n: 0, csat: null, mean: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
  });

  it('names the first rating that is not a whole number 1–5', () => {
    for (const bad of [0, 6, 4.5, Number.NaN]) {
      const call = () => computeCsat([5, bad]);
      expect(call).toThrow(DomainValidationError);
      expect(call).toThrow(/Rating 2/);
    }
    try {
      computeCsat([5, 3, 7]);
    } catch (err) {
      expect((err as DomainValidationError).field).toBe('ratings.2');
    }
  });
});

describe('parseSurveyAnswer', () => {
  it('accepts the four answer kinds', () => {
    expect(parseSurveyAnswer({ kind: 'scale', value: 4 })).toEqual({ kind: 'scale', value: 4 });
    expect(parseSurveyAnswer({ kind: 'grade', value: 'B+' })).toEqual({ kind: 'grade', value: 'B+' });
    expect(parseSurveyAnswer({ kind: 'yes_no', value: false })).toEqual({ kind: 'yes_no', value: false });
    expect(parseSurveyAnswer({ kind: 'text', value: '  quick and kind  ' })).toEqual({ kind: 'text', value: 'quick and kind' });
  });

  it('rejects wrong values, naming the field', () => {
    const cases: [unknown, string][] = [
      [{ kind: 'scale', value: 6 }, 'answers.3.value'],
      [{ kind: 'grade', value: 'E' }, 'answers.3.value'],
      [{ kind: 'yes_no', value: 'yes' }, 'answers.3.value'],
      [{ kind: 'text', value: 'x'.repeat(4001) }, 'answers.3.value'],
      [{ kind: 'stars', value: 3 }, 'answers.3.kind'],
      [null, 'answers.3'],
    ];
    for (const [input, field] of cases) {
      try {
        parseSurveyAnswer(input, 'answers.3');
        throw new Error('expected an error');
      } catch (err) {
        expect(err).toBeInstanceOf(DomainValidationError);
        expect((err as DomainValidationError).field).toBe(field);
      }
    }
  });

  it('offers the five default dimensions', () => {
    expect(DEFAULT_SURVEY_DIMENSIONS.map((d) => d.key)).toEqual(['tangibles', 'empathy', 'professionalism', 'responsiveness', 'trust']);
  });
});

describe('DomainValidationError', () => {
  it('is a DomainError of kind invalid, so the API answers 400 naming the field', async () => {
    const { DomainError } = await import('../shared/domain-error.ts');
    const err = new DomainValidationError('ratings.0', 'bad');
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: 'invalid', field: 'ratings.0', message: 'bad', name: 'DomainValidationError' });
  });
});
