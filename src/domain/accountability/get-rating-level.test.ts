import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { getRatingLevel } from './get-rating-level.ts';

describe('getRatingLevel', () => {
  it.each([
    [10, 'outstanding'],
    [9.5, 'outstanding'],
    [9.49, 'excellent'],
    [8.5, 'excellent'],
    [8.49, 'good'],
    [7.5, 'good'],
    [7.49, 'basic'],
    [6, 'basic'],
    [5.99, 'failed'],
    [0, 'failed'],
  ] as const)('rates %d as %s', (score, level) => {
    expect(getRatingLevel(score)).toBe(level);
  });

  it.each([
    [10.01, /from 0 to 10/],
    [-0.01, /from 0 to 10/],
    [9.495, /two decimals/],
    [Number.NaN, /number from 0 to 10/],
    [Number.POSITIVE_INFINITY, /number from 0 to 10/],
  ])('rejects %d', (score, message) => {
    try {
      getRatingLevel(score);
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainValidationError);
      expect((err as DomainValidationError).field).toBe('score');
      expect((err as Error).message).toMatch(message);
    }
  });

  it('accepts every two-decimal score from 0 to 10 and orders levels monotonically', () => {
    const order = ['failed', 'basic', 'good', 'excellent', 'outstanding'];
    let previous = 0;
    for (let hundredths = 0; hundredths <= 1000; hundredths++) {
      const rank = order.indexOf(getRatingLevel(hundredths / 100));
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
  });
});

describe('DomainValidationError', () => {
  it('is a DomainError of kind invalid, so the API answers 400 naming the field', async () => {
    const { DomainError } = await import('../shared/domain-error.ts');
    const err = new DomainValidationError('score', 'bad');
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: 'invalid', field: 'score', message: 'bad', name: 'DomainValidationError' });
  });
});
